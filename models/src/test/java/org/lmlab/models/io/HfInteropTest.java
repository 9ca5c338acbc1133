package org.lmlab.models.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.ModelInput;
import org.lmlab.models.reference.BertFixture;
import org.lmlab.models.reference.Gpt2Fixture;
import org.lmlab.models.reference.HfCheckpointFixtures;
import org.lmlab.models.reference.ReferenceBert;
import org.lmlab.models.reference.ReferenceGpt2;
import org.lmlab.models.safetensors.Dtype;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.models.score.CausalScorer;
import org.lmlab.models.score.MaskTokens;
import org.lmlab.models.score.PseudoLikelihoodScorer;
import org.lmlab.models.weights.ModelWeights;

/**
 * Hugging Face checkpoints written by the test (random weights, HF names and layouts) load into
 * lmlab's DJL models and compute what an independent float64 Java implementation of the HF
 * architectures computes; saving and reloading is bit-exact.
 */
class HfInteropTest {

    private static final int[] TEXT = {3, 91, 14, 15, 92, 65, 35, 89, 79, 32, 38, 46, 26, 43};
    private static final ModelDirectory DIRECTORY = ModelDirectory.standard();

    static Stream<Arguments> gpt2Variants() {
        Gpt2Fixture small = Gpt2Fixture.small(101);
        return Stream.of(
                Arguments.of("plain", small),
                Arguments.of("transformer. prefix and mask buffers", small.withTransformerPrefix(true).withAttentionBuffers(true)),
                Arguments.of("explicit tied lm_head", small.withLmHead(Gpt2Fixture.LmHead.TIED_EXPLICIT).withSeed(102)),
                Arguments.of("untied lm_head", small.withLmHead(Gpt2Fixture.LmHead.UNTIED).withSeed(103)),
                Arguments.of("F16 tensors", small.withDtype(Dtype.F16).withSeed(104)),
                Arguments.of("BF16 tensors", small.withDtype(Dtype.BF16).withSeed(105)));
    }

    @ParameterizedTest(name = "GPT-2 {0}")
    @MethodSource("gpt2Variants")
    void gpt2LogitsAndLossMatchTheReference(String variant, Gpt2Fixture fixture, @TempDir Path directory) throws IOException {
        HfCheckpointFixtures.writeGpt2(directory, fixture);
        ReferenceGpt2 reference = ReferenceGpt2.load(directory);
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = DIRECTORY.load(directory, manager);
            assertClose(reference.logits(TEXT), logits(model, manager, TEXT), 2e-4);
            double loss = new CausalScorer(model, manager).rollingLogLikelihood(TEXT).score().loss();
            assertEquals(reference.meanNextTokenLoss(TEXT), loss, 2e-5);
            assertTrue(loss > 1, "random weights must not give a trivial loss: " + loss);
        }
    }

    static Stream<Arguments> bertVariants() {
        BertFixture small = BertFixture.small(201);
        return Stream.of(
                Arguments.of("plain with pooler", small),
                Arguments.of("gamma/beta names and explicit decoder", small.withLegacyNormNames(true).withExplicitDecoder(true).withSeed(202)),
                Arguments.of("without pooler", small.withPooler(false).withSeed(203)),
                Arguments.of("F16 tensors", small.withDtype(Dtype.F16).withSeed(204)));
    }

    @ParameterizedTest(name = "BERT {0}")
    @MethodSource("bertVariants")
    void bertLogitsAndPseudoLikelihoodMatchTheReference(String variant, BertFixture fixture, @TempDir Path directory) throws IOException {
        HfCheckpointFixtures.writeBert(directory, fixture);
        ReferenceBert reference = ReferenceBert.load(directory);
        int[] framed = {1, 14, 15, 92, 65, 35, 89, 2};
        Set<Integer> special = Set.of(0, 1, 2);
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = DIRECTORY.load(directory, manager);
            assertEquals(fixture.pooler(), model.config().pooler());
            assertClose(reference.logits(framed), logits(model, manager, framed), 2e-4);
            double pll = new PseudoLikelihoodScorer(model, manager, new MaskTokens(4, special)).pseudoLogLikelihood(framed).score().loss();
            assertEquals(reference.pseudoLogLikelihoodLoss(framed, 4, special), pll, 2e-5);
        }
    }

    @Test
    void bertPaddingMaskMatchesTheReference(@TempDir Path directory) throws IOException {
        HfCheckpointFixtures.writeBert(directory, BertFixture.small(205));
        ReferenceBert reference = ReferenceBert.load(directory);
        int[] ids = {1, 20, 21, 22, 2, 0, 0};
        int[] types = {0, 0, 0, 1, 1, 0, 0};
        boolean[] keep = {true, true, true, true, true, false, false};
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = DIRECTORY.load(directory, manager);
            float[] mask = new float[ids.length];
            long[] typeIds = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                mask[i] = keep[i] ? 1 : 0;
                typeIds[i] = types[i];
            }
            NDArray logits = model.forward(new ModelInput(tokens(manager, ids),
                    manager.create(mask, new Shape(1, ids.length)), manager.create(typeIds, new Shape(1, ids.length))), false);
            double[][] expected = reference.logits(ids, types, keep);
            float[] actual = logits.toFloatArray();
            int vocab = expected[0].length;
            for (int t = 0; t < 5; t++) {
                for (int v = 0; v < vocab; v++) {
                    assertEquals(expected[t][v], actual[t * vocab + v], 2e-4, "position " + t + ", token " + v);
                }
            }
        }
    }

    @Test
    void savingAndReloadingIsBitExactAndStaysHuggingFaceReadable(@TempDir Path root) throws IOException {
        Path original = root.resolve("original");
        Path saved = root.resolve("saved");
        Path savedAgain = root.resolve("saved-again");
        Files.createDirectories(original);
        HfCheckpointFixtures.writeGpt2(original, Gpt2Fixture.small(106).withTransformerPrefix(true).withDtype(Dtype.BF16));
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = DIRECTORY.load(original, manager);
            DIRECTORY.save(model, saved);
            LanguageModel reloaded = DIRECTORY.load(saved, manager);
            assertWeightsEqual(ModelWeights.export(model), ModelWeights.export(reloaded));
            DIRECTORY.save(reloaded, savedAgain);
            assertArrayEquals(Files.readAllBytes(saved.resolve("model.safetensors")),
                    Files.readAllBytes(savedAgain.resolve("model.safetensors")));
            assertArrayEquals(Files.readAllBytes(saved.resolve("config.json")), Files.readAllBytes(savedAgain.resolve("config.json")));
            // The saved directory is a Hugging Face checkpoint the independent reference can read.
            assertClose(ReferenceGpt2.load(saved).logits(TEXT), logits(model, manager, TEXT), 2e-4);
        }
    }

    @Test
    void bertSavesAndReloadsBitExact(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("original"));
        HfCheckpointFixtures.writeBert(root.resolve("original"), BertFixture.small(206).withLegacyNormNames(true));
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = DIRECTORY.load(root.resolve("original"), manager);
            DIRECTORY.save(model, root.resolve("saved"));
            assertWeightsEqual(ModelWeights.export(model), ModelWeights.export(DIRECTORY.load(root.resolve("saved"), manager)));
            assertClose(ReferenceBert.load(root.resolve("saved")).logits(TEXT), logits(model, manager, TEXT), 2e-4);
        }
    }

    private static void assertWeightsEqual(List<HostTensor> expected, List<HostTensor> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).name(), actual.get(i).name());
            assertArrayEquals(expected.get(i).shape(), actual.get(i).shape(), expected.get(i).name());
            assertArrayEquals(expected.get(i).data(), actual.get(i).data(), 0f, expected.get(i).name());
        }
        assertFalse(expected.isEmpty());
    }

    static NDArray tokens(NDManager manager, int[] ids) {
        long[] values = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            values[i] = ids[i];
        }
        return manager.create(values, new Shape(1, ids.length));
    }

    static float[] logits(LanguageModel model, NDManager manager, int[] ids) {
        return model.forward(ModelInput.of(tokens(manager, ids)), false).toFloatArray();
    }

    static void assertClose(double[][] expected, float[] actual, double tolerance) {
        int vocab = expected[0].length;
        assertEquals(expected.length * vocab, actual.length);
        double spread = 0;
        for (int t = 0; t < expected.length; t++) {
            for (int v = 0; v < vocab; v++) {
                assertEquals(expected[t][v], actual[t * vocab + v], tolerance, "position " + t + ", token " + v);
                spread = Math.max(spread, Math.abs(expected[t][v] - expected[t][0]));
            }
        }
        assertTrue(spread > 0.5, "logits must vary across tokens for the comparison to mean anything: " + spread);
    }
}
