package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.ModelInput;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.weights.ModelWeights;
import org.lmlab.training.objective.DeviceBatch;
import org.lmlab.training.objective.HostBatch;
import org.lmlab.training.objective.IgnoreIndexCrossEntropy;
import org.lmlab.training.objective.VocabularyCrossEntropy;
import org.lmlab.training.optim.Gradients;
import org.lmlab.training.seed.SeededRandom;

/**
 * The chunked vocabulary loss equals the plain ignore-index cross-entropy of the whole logits,
 * value and every parameter's gradient, to 1e-6 relative, however many chunks it takes.
 */
class VocabularyCrossEntropyTest {

    private static final int ROWS = 3;
    private static final int LENGTH = 7;

    @ParameterizedTest(name = "{0}, {1} rows per chunk")
    @CsvSource({"gpt tied, 1", "gpt tied, 4", "gpt tied, 1000", "gpt untied, 5", "bert, 1", "bert, 1000"})
    void chunkedEqualsPlainInValueAndGradient(String kind, int chunkRows) {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TinyModels.initialized(config(kind), manager, 5);
            Map<String, Parameter> parameters = ModelWeights.distinct(model);
            HostBatch host = batch(kind.equals("bert"));
            DeviceBatch batch = host.toDevice(manager);
            Function<DeviceBatch, NDArray> plain = b -> IgnoreIndexCrossEntropy.sum(model.forward(b.input(), true), b.targets(), b.weights());
            Function<DeviceBatch, NDArray> chunked = b -> VocabularyCrossEntropy.sum(model, b, true, chunkRows);
            Result expected = run(plain, batch, parameters, manager);
            Result actual = run(chunked, batch, parameters, manager);
            assertEquals(expected.loss, actual.loss, 1e-6 * Math.abs(expected.loss));
            assertEquals(expected.gradients.keySet(), actual.gradients.keySet());
            int nonZero = 0;
            for (String name : expected.gradients.keySet()) {
                float[] want = expected.gradients.get(name);
                float[] got = actual.gradients.get(name);
                double difference = 0;
                double norm = 0;
                for (int i = 0; i < want.length; i++) {
                    difference += (want[i] - got[i]) * (double) (want[i] - got[i]);
                    norm += want[i] * (double) want[i];
                }
                nonZero += norm > 0 ? 1 : 0;
                assertTrue(Math.sqrt(difference) <= 1e-6 * Math.sqrt(norm) + 1e-12,
                        name + ": relative gradient difference " + Math.sqrt(difference / Math.max(norm, 1e-30)));
            }
            assertTrue(nonZero >= expected.gradients.size() - 2, "gradients reach the parameters: " + nonZero + " of " + expected.gradients.size());
            // Without training: the same value, and nothing to differentiate.
            float evaluated = VocabularyCrossEntropy.sum(model, batch, false, chunkRows).getFloat();
            assertEquals(expected.loss, evaluated, 1e-6 * Math.abs(expected.loss));
        }
    }

    @org.junit.jupiter.api.Test
    void chunksHoldAboutSixteenMegabytesOfLogitsButAtLeastTheWidthInRows() {
        assertEquals(83, VocabularyCrossEntropy.defaultChunkRows(50_257, 64));
        assertEquals(128, VocabularyCrossEntropy.defaultChunkRows(50_257, 128));
        assertEquals(524, VocabularyCrossEntropy.defaultChunkRows(8_000, 256));
        assertEquals(768, VocabularyCrossEntropy.defaultChunkRows(50_257, 768));
    }

    private record Result(double loss, Map<String, float[]> gradients) {
    }

    private static Result run(Function<DeviceBatch, NDArray> loss, DeviceBatch batch, Map<String, Parameter> parameters, NDManager manager) {
        double value;
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray sum = loss.apply(batch);
            value = sum.getFloat();
            System.gc(); // DJL's scalar-argument bug would show here
            collector.backward(sum);
        }
        Map<String, float[]> gradients = new LinkedHashMap<>();
        // Parameters the loss does not reach (BERT's pooler) have no gradient array at all.
        parameters.forEach((name, parameter) -> gradients.put(name,
                Gradients.of(parameter) == null ? new float[0] : Gradients.of(parameter).toFloatArray()));
        Gradients.zero(parameters.values());
        return new Result(value, gradients);
    }

    /** Random tokens; some labels ignored; for the encoder the last row padded and labels on a few positions only. */
    private static HostBatch batch(boolean encoder) {
        SeededRandom random = new SeededRandom(11);
        long[] tokens = new long[ROWS * LENGTH];
        long[] labels = new long[ROWS * LENGTH];
        float[] padding = encoder ? new float[ROWS * LENGTH] : null;
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = random.nextInt(TinyModels.VOCAB);
            boolean predicted = encoder ? random.nextDouble() < 0.3 : i % 5 != 3;
            labels[i] = predicted ? random.nextInt(TinyModels.VOCAB) : HostBatch.IGNORE;
            if (encoder) {
                boolean pad = i >= 2 * LENGTH + 4;
                padding[i] = pad ? 0f : 1f;
                labels[i] = pad ? HostBatch.IGNORE : labels[i];
            }
        }
        if (encoder) {
            labels[0] = 1; // at least one predicted position
        }
        return new HostBatch(ROWS, LENGTH, tokens, padding, labels, new long[] {ROWS, LENGTH});
    }

    private static ModelConfig config(String kind) {
        return switch (kind) {
            case "gpt tied" -> TinyModels.gpt(0f);
            case "gpt untied" -> TinyModels.gpt(0f).withHead(HeadConfig.languageModel(false));
            default -> TinyModels.bert(0f);
        };
    }
}
