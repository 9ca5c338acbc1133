package org.lmlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lmlab.layers.engine.OfflineEngine;

/** A decoder's logits at a position depend only on that position and the ones before; an encoder's on all. */
class CausalityTest {

    private static final int[] TEXT = {5, 17, 42, 8, 33, 1, 60, 12, 7, 29};
    private static final int[] CHANGED_TAIL = {5, 17, 42, 8, 33, 1, 3, 44, 50, 0};
    private static final int KEPT = 6;

    @ParameterizedTest(name = "{0} attention with {1} positions")
    @CsvSource({"multi-head, 4, learned", "grouped-query, 2, rope", "multi-query, 1, alibi", "multi-head, 4, sinusoidal"})
    void decoderPastLogitsIgnoreTheFuture(String type, int kvHeads, String positions) {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(
                    TestModels.decoder(TestModels.attention(type, 4, kvHeads, 0), positions), manager, 11);
            float[] original = TestModels.logits(model, manager, TEXT);
            float[] changed = TestModels.logits(model, manager, CHANGED_TAIL);
            int kept = KEPT * TestModels.VOCAB;
            assertArrayEquals(Arrays.copyOf(original, kept), Arrays.copyOf(changed, kept), 0f);
            assertTrue(differ(original, changed, kept), "the changed positions themselves must change");
        }
    }

    @ParameterizedTest(name = "{0} attention with {1} positions")
    @CsvSource({"multi-head, 4, learned", "grouped-query, 2, rope", "multi-query, 1, alibi"})
    void encoderLogitsSeeTheWholeSequence(String type, int kvHeads, String positions) {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(
                    TestModels.encoder(TestModels.attention(type, 4, kvHeads, 0), positions), manager, 12);
            float[] original = TestModels.logits(model, manager, TEXT);
            float[] changed = TestModels.logits(model, manager, CHANGED_TAIL);
            int kept = KEPT * TestModels.VOCAB;
            assertTrue(differ(Arrays.copyOf(original, kept), Arrays.copyOf(changed, kept), 0),
                    "an encoder's early positions must see later tokens");
        }
    }

    private static boolean differ(float[] a, float[] b, int from) {
        for (int i = from; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-4f) {
                return true;
            }
        }
        return false;
    }
}
