package org.lmlab.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.core.InitConfig;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.preset.Presets;

/** Initial weights follow the configured scheme: GPT-2's small normals, or PyTorch's module defaults. */
class InitSchemeTest {

    private static Map<String, float[]> initialWeights(ModelConfig config) {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = Models.standard().build(config);
            manager.getEngine().setRandomSeed(3);
            model.initialize(manager);
            Map<String, float[]> values = new java.util.HashMap<>();
            model.namedParameters().forEach((name, parameter) -> values.put(name, parameter.getArray().toFloatArray()));
            return values;
        }
    }

    @Test
    void gpt2SchemeUsesSmallNormalsAndScalesResidualProjections() {
        ModelConfig config = Presets.get("gpt-tiny");
        Map<String, float[]> weights = initialWeights(config);
        assertEquals(0.02, std(weights.get("blocks.0.attention.qkv.weight")), 0.001);
        assertEquals(0.02, std(weights.get("embeddings.tokens.weight")), 0.0005);
        assertEquals(0.02 / Math.sqrt(2 * 2), std(weights.get("blocks.1.feed_forward.down.weight")), 0.001);
        assertEquals(0.0, maxAbs(weights.get("blocks.0.attention.qkv.bias")), 0.0);
        assertEquals(1.0, mean(weights.get("final_norm.weight")), 0.0);
    }

    @Test
    void pytorchSchemeUsesUniformLinearsAndUnitNormalEmbeddings() {
        ModelConfig config = Presets.get("gpt-tiny").withInit(InitConfig.PYTORCH);
        Map<String, float[]> weights = initialWeights(config);
        double bound = 1 / Math.sqrt(128);
        float[] qkv = weights.get("blocks.0.attention.qkv.weight");
        assertTrue(maxAbs(qkv) <= bound, "U(±1/sqrt(fan_in)) stays within the bound");
        assertEquals(bound / Math.sqrt(3), std(qkv), 0.002);
        float[] down = weights.get("blocks.0.feed_forward.down.weight");
        assertEquals(1 / Math.sqrt(512) / Math.sqrt(3), std(down), 0.001, "fan-in of the down projection is 4 x width");
        float[] bias = weights.get("blocks.0.attention.qkv.bias");
        assertTrue(maxAbs(bias) <= bound && maxAbs(bias) > bound / 2, "biases are uniform too, not zero");
        assertEquals(1.0, std(weights.get("embeddings.tokens.weight")), 0.01);
        assertEquals(1.0, std(weights.get("embeddings.positions.weight")), 0.02);
    }

    @Test
    void theBooksPresetKeepsPytorchDefaults() {
        assertEquals(InitConfig.PYTORCH, Presets.get("gpt2-124m-book").init());
        assertEquals(InitConfig.GPT2, Presets.get("gpt2-124m").init());
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double std(float[] values) {
        double mean = mean(values);
        double sum = 0;
        for (float value : values) {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / values.length);
    }

    private static double maxAbs(float[] values) {
        double max = 0;
        for (float value : values) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }
}
