package org.lmlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lmlab.layers.attention.KvCache;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.generate.Generator;
import org.lmlab.models.generate.SamplingConfig;

/** Incremental decoding with the KV cache computes what the full forward pass computes. */
class KvCacheTest {

    private static final int[] TEXT = {5, 17, 42, 8, 33, 1, 60, 12, 7, 29, 30, 2};

    @ParameterizedTest(name = "{0} kv_heads={1} window={2} positions={3}")
    @CsvSource({
        "multi-head, 4, 0, learned",
        "grouped-query, 2, 0, rope",
        "multi-query, 1, 0, alibi",
        "sliding-window, 4, 3, sinusoidal",
    })
    void cachedLogitsEqualFullForward(String type, int kvHeads, int window, String positions) {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(
                    TestModels.decoder(TestModels.attention(type, 4, kvHeads, window), positions), manager, 21);
            NDArray full = model.forward(ModelInput.of(TestModels.tokens(manager, TEXT)), false);
            try (KvCache cache = model.newCache(manager)) {
                // A prefix of 5 tokens, then one token at a time.
                NDArray prefix = model.forward(ModelInput.of(TestModels.tokens(manager, Arrays.copyOf(TEXT, 5))), cache);
                assertArrayEquals(full.get(new NDIndex(":, :5, :")).toFloatArray(), prefix.toFloatArray(), 2e-5f);
                for (int t = 5; t < TEXT.length; t++) {
                    NDArray step = model.forward(ModelInput.of(TestModels.tokens(manager, TEXT[t])), cache);
                    assertEquals(t + 1, cache.length());
                    assertArrayEquals(full.get(new NDIndex(":, {}, :", t)).toFloatArray(), step.toFloatArray(), 2e-5f,
                            "position " + t);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} positions, temperature {1}")
    @CsvSource({"learned, 0", "rope, 0.9", "alibi, 1.3"})
    void cachedAndUncachedGenerationGiveTheSameFiftyTokens(String positions, float temperature) {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(
                    TestModels.decoder(TestModels.attention("multi-head", 4, 4, 0), positions), manager, 22);
            // 50 new tokens after a 3-token prompt outgrow the 48-position context: both paths must crop alike.
            SamplingConfig config = new SamplingConfig(50, temperature, temperature == 0 ? 0 : 20, 0.95f, 7L, -1);
            Generator generator = new Generator(model, manager);
            int[] uncached = generator.generate(new int[] {3, 14, 15}, config, false);
            int[] cached = generator.generate(new int[] {3, 14, 15}, config, true);
            assertEquals(50, uncached.length);
            assertArrayEquals(uncached, cached);
        }
    }

    @Test
    void generationChoosesOnlyAmongTheTokenizersIdsAndGrowsPastItsFirstBuffer() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(
                    TestModels.decoder(TestModels.attention("multi-head", 4, 4, 0), "learned"), manager, 23);
            Generator generator = new Generator(model, manager);
            int[] sampled = generator.generate(new int[] {3}, new SamplingConfig(1100, 2f, 0, 1f, 5L, -1), true, 7);
            assertEquals(1100, sampled.length, "more tokens than the first buffer of 1024 holds");
            for (int id : sampled) {
                assertTrue(id >= 0 && id < 7, "id " + id + " is beyond the 7 a tokenizer could decode");
            }
        }
    }
}
