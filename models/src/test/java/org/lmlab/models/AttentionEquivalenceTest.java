package org.lmlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;
import org.lmlab.layers.core.HostCopy;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.engine.OfflineEngine;

/** Grouped-query attention is multi-head attention whose key/value heads are shared by groups of query heads. */
class AttentionEquivalenceTest {

    private static final int[] TEXT = {4, 9, 33, 21, 50, 2, 17, 8};
    private static final int HEADS = 4;
    private static final int HEAD_DIM = TestModels.WIDTH / HEADS;

    @Test
    void groupedQueryWithAsManyKvHeadsAsHeadsIsMultiHead() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel multiHead = TestModels.initialized(
                    TestModels.decoder(TestModels.attention("multi-head", HEADS, HEADS, 0), "learned"), manager, 31);
            LanguageModel grouped = TestModels.initialized(
                    TestModels.decoder(TestModels.attention("grouped-query", HEADS, HEADS, 0), "learned"), manager, 32);
            TestModels.copyWeights(multiHead, grouped);
            assertArrayEquals(TestModels.logits(multiHead, manager, TEXT), TestModels.logits(grouped, manager, TEXT), 0f);
        }
    }

    @Test
    void groupedQueryEqualsMultiHeadWithRepeatedKeyValueHeads() {
        assertGroupedEqualsExpanded("grouped-query", 2);
    }

    @Test
    void multiQueryEqualsMultiHeadWithOneKeyValueHeadCopiedToAll() {
        assertGroupedEqualsExpanded("multi-query", 1);
    }

    private static void assertGroupedEqualsExpanded(String type, int kvHeads) {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel grouped = TestModels.initialized(
                    TestModels.decoder(TestModels.attention(type, HEADS, kvHeads, 0), "rope"), manager, 33);
            LanguageModel multiHead = TestModels.initialized(
                    TestModels.decoder(TestModels.attention("multi-head", HEADS, HEADS, 0), "rope"), manager, 34);
            Map<String, Parameter> target = multiHead.namedParameters();
            grouped.namedParameters().forEach((name, parameter) -> {
                float[] values = parameter.getArray().toFloatArray();
                if (name.endsWith("attention.qkv.weight")) {
                    values = expandRows(values, kvHeads, TestModels.WIDTH);
                } else if (name.endsWith("attention.qkv.bias")) {
                    values = expandRows(values, kvHeads, 1);
                }
                HostCopy.into(target.get(name).getArray(), values);
            });
            assertArrayEquals(TestModels.logits(grouped, manager, TEXT), TestModels.logits(multiHead, manager, TEXT), 1e-5f);
        }
    }

    /**
     * Rows [q heads | kv keys | kv values] of a fused projection, each row {@code columns} wide,
     * become [q heads | keys repeated per group | values repeated per group].
     */
    private static float[] expandRows(float[] fused, int kvHeads, int columns) {
        int rowsPerHead = HEAD_DIM * columns;
        float[] expanded = new float[3 * HEADS * rowsPerHead];
        System.arraycopy(fused, 0, expanded, 0, HEADS * rowsPerHead);
        int group = HEADS / kvHeads;
        for (int part = 0; part < 2; part++) {
            int source = HEADS * rowsPerHead + part * kvHeads * rowsPerHead;
            int destination = HEADS * rowsPerHead + part * HEADS * rowsPerHead;
            for (int head = 0; head < HEADS; head++) {
                System.arraycopy(fused, source + (head / group) * rowsPerHead, expanded, destination + head * rowsPerHead, rowsPerHead);
            }
        }
        return expanded;
    }
}
