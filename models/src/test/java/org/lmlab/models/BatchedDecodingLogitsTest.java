package org.lmlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lmlab.layers.attention.AttentionMasks;
import org.lmlab.layers.attention.KvCache;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.layers.position.TokenPositions;

/**
 * Rows of one KV cache at their own positions (right-padded prompts, then one column per step for
 * all rows) compute what each sequence computes alone with its own cache.
 */
class BatchedDecodingLogitsTest {

    private static final int[][] PROMPTS = {{5, 17, 42, 8, 33, 1, 60}, {12}, {7, 29, 30, 2}};
    private static final int[][] NEXT = {{3, 9, 44}, {50, 6, 21}, {0, 13, 59}};

    @ParameterizedTest(name = "{0} kv_heads={1} window={2} positions={3}")
    @CsvSource({
        "multi-head, 4, 0, learned",
        "grouped-query, 2, 0, rope",
        "multi-query, 1, 0, alibi",
        "sliding-window, 4, 3, sinusoidal",
        "sliding-window, 2, 2, rope",
    })
    void batchedRowsEqualEachSequenceAlone(String type, int kvHeads, int window, String positions) {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(
                    TestModels.decoder(TestModels.attention(type, 4, kvHeads, window), positions), manager, 31);
            int rows = PROMPTS.length;
            int longest = 7;
            try (KvCache cache = model.newCache(manager)) {
                long[] ids = new long[rows * longest];
                float[] real = new float[ids.length];
                for (int r = 0; r < rows; r++) {
                    for (int t = 0; t < PROMPTS[r].length; t++) {
                        ids[r * longest + t] = PROMPTS[r][t];
                        real[r * longest + t] = 1;
                    }
                }
                Shape shape = new Shape(rows, longest);
                NDArray prefill = model.forward(new ModelInput(manager.create(ids, shape), manager.create(real, shape), null), cache);
                for (int r = 0; r < rows; r++) {
                    float[] alone = lastRow(model.forward(ModelInput.of(TestModels.tokens(manager, PROMPTS[r])), false));
                    assertArrayEquals(alone, prefill.get(new NDIndex("{}, {}, :", r, PROMPTS[r].length - 1)).toFloatArray(), 2e-5f);
                }
                for (int step = 0; step < NEXT[0].length; step++) {
                    int columns = longest + step + 1;
                    long[] next = new long[rows];
                    long[] queries = new long[rows];
                    long[] keys = new long[rows * columns];
                    float[] padding = new float[keys.length];
                    for (int r = 0; r < rows; r++) {
                        next[r] = NEXT[r][step];
                        queries[r] = PROMPTS[r].length + step;
                        for (int c = 0; c < columns; c++) {
                            boolean prompt = c < longest;
                            keys[r * columns + c] = prompt ? c : PROMPTS[r].length + (c - longest);
                            padding[r * columns + c] = !prompt || c < PROMPTS[r].length ? 1 : 0;
                        }
                    }
                    NDArray hidden = model.hidden(new ModelInput(manager.create(next, new Shape(rows, 1)),
                            manager.create(padding, new Shape(rows, columns)), null), cache,
                            TokenPositions.of(manager, rows, queries, keys));
                    NDArray logits = model.vocabularyHead().logits(model.vocabularyHead().features(hidden));
                    assertEquals(new Shape(rows, 1, TestModels.VOCAB), logits.getShape());
                    for (int r = 0; r < rows; r++) {
                        int[] sequence = new int[PROMPTS[r].length + step + 1];
                        System.arraycopy(PROMPTS[r], 0, sequence, 0, PROMPTS[r].length);
                        for (int s = 0; s <= step; s++) {
                            sequence[PROMPTS[r].length + s] = NEXT[r][s];
                        }
                        float[] alone = lastRow(model.forward(ModelInput.of(TestModels.tokens(manager, sequence)), false));
                        assertArrayEquals(alone, logits.get(new NDIndex("{}, 0, :", r)).toFloatArray(), 2e-5f,
                                "row " + r + " step " + step);
                    }
                }
                cache.keepRows(new int[] {2, 0});
                assertEquals(longest + NEXT[0].length, cache.length());
                assertEquals(2, cache.layer(0).rows());
            }
        }
    }

    @Test
    void perRowMaskEqualsTheScalarMaskOfEachRow() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            // Row 0: queries at 4..5 over keys 0..5; row 1: queries at 2..3 over keys 0..3 then two padded columns.
            TokenPositions at = TokenPositions.of(manager, 2, new long[] {4, 5, 2, 3}, new long[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 9, 9});
            NDArray padding = manager.create(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0}, new Shape(2, 6));
            NDArray rows = AttentionMasks.bias(manager, at, true, 3, padding);
            assertEquals(new Shape(2, 1, 2, 6), rows.getShape());
            float[] first = AttentionMasks.bias(manager, 2, 6, 4, true, 3, null).toFloatArray();
            assertArrayEquals(first, rows.get(new NDIndex("0")).toFloatArray(), 0f);
            float h = AttentionMasks.HIDDEN;
            // Query 2 sees keys 0..2, query 3 keys 1..3 (window 3); the padded columns 4 and 5 (at
            // position 9, so in the future too) are hidden twice over: the biases add.
            assertArrayEquals(new float[] {0, 0, 0, h, 2 * h, 2 * h, h, 0, 0, 0, 2 * h, 2 * h},
                    rows.get(new NDIndex("1")).toFloatArray(), 0f);
        }
    }

    private static float[] lastRow(NDArray logits) {
        return logits.get(new NDIndex("0, {}, :", logits.getShape().get(1) - 1)).toFloatArray();
    }
}
