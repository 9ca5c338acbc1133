package org.lmlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lmlab.layers.block.NormPlacement;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.generate.Generator;
import org.lmlab.models.head.HeadOutput;
import org.lmlab.models.score.CausalScorer;
import org.lmlab.models.score.PseudoLikelihoodScorer;

/** Each head declares its output; the model's shape and abilities follow from it. */
class HeadOutputTest {

    private static final int[] IDS = {7, 19, 3, 44, 12};

    static Stream<Arguments> heads() {
        return Stream.of(
                Arguments.of("decoder", HeadConfig.languageModel(true), HeadOutput.VOCABULARY_LOGITS, new Shape(1, 5, TestModels.VOCAB), true, false),
                Arguments.of("encoder", HeadConfig.maskedLanguageModel(), HeadOutput.VOCABULARY_LOGITS, new Shape(1, 5, TestModels.VOCAB), false, true),
                Arguments.of("encoder", HeadConfig.classification(3), HeadOutput.SEQUENCE_LABELS, new Shape(1, 3), false, false),
                Arguments.of("decoder", HeadConfig.none(), HeadOutput.HIDDEN_STATES, new Shape(1, 5, TestModels.WIDTH), false, false),
                Arguments.of("encoder", HeadConfig.none(), HeadOutput.HIDDEN_STATES, new Shape(1, 5, TestModels.WIDTH), false, false));
    }

    @ParameterizedTest(name = "{0} with head {1}")
    @MethodSource("heads")
    void theModelTakesItsOutputFromItsHead(String stack, HeadConfig head, HeadOutput output, Shape shape,
            boolean nextToken, boolean maskedTokens) {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(config(stack, head), manager, 61);
            assertEquals(output, model.output());
            assertEquals(nextToken, model.predictsNextToken());
            assertEquals(maskedTokens, model.predictsMaskedTokens());
            assertEquals(shape, model.getOutputShapes(new Shape[] {new Shape(1, IDS.length)})[0]);
            assertEquals(shape, model.forward(ModelInput.of(TestModels.tokens(manager, IDS)), false).getShape());
        }
    }

    @Test
    void headNoneOutputsTheFinalHiddenStatesAfterTheFinalNorm() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel withHead = TestModels.initialized(config("decoder", HeadConfig.languageModel(false)), manager, 62);
            LanguageModel headless = Models.standard().build(config("decoder", HeadConfig.none()));
            headless.initialize(manager);
            TestModels.copyWeightsPresentIn(withHead, headless);
            ModelInput input = ModelInput.of(TestModels.tokens(manager, IDS));
            NDArray hidden = headless.forward(input, false);
            assertArrayEquals(withHead.hidden(input, false).toFloatArray(), hidden.toFloatArray(), 0f);
            // After the final LayerNorm (weight 1, bias 0 at init): every position has mean 0 and variance 1.
            float[] values = hidden.toFloatArray();
            for (int t = 0; t < IDS.length; t++) {
                double sum = 0;
                double squares = 0;
                for (int d = 0; d < TestModels.WIDTH; d++) {
                    sum += values[t * TestModels.WIDTH + d];
                    squares += values[t * TestModels.WIDTH + d] * values[t * TestModels.WIDTH + d];
                }
                assertEquals(0, sum / TestModels.WIDTH, 1e-5);
                assertEquals(1, squares / TestModels.WIDTH, 1e-3);
            }
            // The lm head is hidden · Wᵀ: the untied model's logits from the head-less model's output.
            NDArray weight = withHead.namedParameters().get("head.output.weight").getArray();
            assertArrayEquals(withHead.forward(input, false).toFloatArray(), hidden.matMul(weight.transpose()).toFloatArray(), 1e-4f);
            assertEquals(TestModels.VOCAB * TestModels.WIDTH, withHead.parameterCount() - headless.parameterCount());
        }
    }

    @Test
    void toolsThatNeedVocabularyLogitsRefuseHeadNone() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel decoder = TestModels.initialized(config("decoder", HeadConfig.none()), manager, 63);
            LanguageModel encoder = TestModels.initialized(config("encoder", HeadConfig.none()), manager, 64);
            assertThrows(IllegalArgumentException.class, () -> new Generator(decoder, manager));
            assertThrows(IllegalArgumentException.class, () -> new CausalScorer(decoder, manager));
            IllegalArgumentException pll = assertThrows(IllegalArgumentException.class,
                    () -> new PseudoLikelihoodScorer(encoder, manager, new org.lmlab.models.score.MaskTokens(4, java.util.Set.of())));
            assertTrue(pll.getMessage().contains("none head"), pll.getMessage());
        }
    }

    @Test
    void headNoneTakesNoParameters() {
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
                () -> Models.standard().build(config("encoder", new HeadConfig("none", 2, false))));
        assertEquals("head.classes: head type none has no classes, got 2", classes.getMessage());
        IllegalArgumentException tied = assertThrows(IllegalArgumentException.class,
                () -> Models.standard().build(config("encoder", new HeadConfig("none", 0, true))));
        assertEquals("head.tied: head type none has no output matrix to tie", tied.getMessage());
    }

    private static ModelConfig config(String stack, HeadConfig head) {
        return TestModels.config(stack, TestModels.attention("multi-head", 4, 4, 0), "learned",
                stack.equals("decoder") ? NormPlacement.PRE : NormPlacement.POST, head, 2);
    }
}
