package org.lmlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.NormalInitializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.block.NormPlacement;
import org.lmlab.layers.core.Dense;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.head.VocabularyHead;

/** A vocabulary head split at its last matrix gives the logits the whole head gives. */
class VocabularyHeadTest {

    private static final int[] IDS = {7, 19, 3, 44, 12, 60};

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gpt tied", "gpt untied", "bert"})
    void featuresThroughTheProjectionAreTheForwardLogits(String kind) {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(config(kind), manager, 71);
            ModelInput input = ModelInput.of(TestModels.tokens(manager, IDS));
            VocabularyHead head = model.vocabularyHead();
            NDArray features = head.features(model.hidden(input, false));
            assertEquals(new Shape(1, IDS.length, TestModels.WIDTH), features.getShape());
            float[] expected = model.forward(input, false).toFloatArray();
            assertArrayEquals(expected, head.logits(features).toFloatArray(), 0f);
            // By hand: features · Wᵀ (+ b).
            NDArray byHand = features.matMul(head.projectionWeight().transpose());
            if (head.projectionBias() != null) {
                byHand = byHand.add(head.projectionBias());
            }
            assertArrayEquals(expected, byHand.toFloatArray(), 1e-5f);
            if (kind.equals("gpt tied")) {
                assertSame(model.namedParameters().get("embeddings.tokens.weight").getArray(), head.projectionWeight());
                assertNull(head.projectionBias());
            }
        }
    }

    @Test
    void anUntiedProjectionCountsItsLowRankDelta() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(config("gpt untied"), manager, 72);
            Dense output = (Dense) model.namedBlocks().get("head.output");
            output.addLowRank(2, 0.5f, new NormalInitializer(0.3f), new NormalInitializer(0.3f));
            ModelInput input = ModelInput.of(TestModels.tokens(manager, IDS));
            VocabularyHead head = model.vocabularyHead();
            NDArray features = head.features(model.hidden(input, false));
            NDArray byHand = features.matMul(head.projectionWeight().transpose());
            float[] expected = model.forward(input, false).toFloatArray();
            NDArray plain = features.matMul(model.namedParameters().get("head.output.weight").getArray().transpose());
            assertArrayEquals(expected, byHand.toFloatArray(), 1e-5f);
            // The delta is not zero: the plain weight alone gives other logits.
            assertEquals(false, java.util.Arrays.equals(expected, plain.toFloatArray()));
        }
    }

    @Test
    void aClassifierHasNoVocabularyHead() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(TestModels.config("encoder", TestModels.attention("multi-head", 4, 4, 0),
                    "learned", NormPlacement.POST, HeadConfig.classification(3), 2), manager, 73);
            IllegalStateException refused = assertThrows(IllegalStateException.class, model::vocabularyHead);
            assertEquals(true, refused.getMessage().contains("SEQUENCE_LABELS"), refused.getMessage());
        }
    }

    private static ModelConfig config(String kind) {
        return switch (kind) {
            case "gpt tied" -> TestModels.config("decoder", TestModels.attention("multi-head", 4, 4, 0), "learned", NormPlacement.PRE,
                    HeadConfig.languageModel(true), 2);
            case "gpt untied" -> TestModels.config("decoder", TestModels.attention("multi-head", 4, 4, 0), "learned", NormPlacement.PRE,
                    HeadConfig.languageModel(false), 2);
            default -> TestModels.config("encoder", TestModels.attention("multi-head", 4, 4, 0), "learned", NormPlacement.POST,
                    HeadConfig.maskedLanguageModel(), 2);
        };
    }
}
