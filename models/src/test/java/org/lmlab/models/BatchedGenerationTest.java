package org.lmlab.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lmlab.layers.core.HostCopy;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.generate.Generator;
import org.lmlab.models.generate.SamplingConfig;

/** Many prompts decoded together give, prompt by prompt, exactly the tokens of one-at-a-time decoding. */
class BatchedGenerationTest {

    /** Mixed lengths, including 1 and the test context's 48 itself. */
    private static final int[] LENGTHS = {7, 1, 12, 3, 20, 5, 2, 9, 48, 4};

    @ParameterizedTest(name = "{0} kv_heads={1} window={2} positions={3}")
    @CsvSource({
        "multi-head, 4, 0, learned",
        "grouped-query, 2, 0, rope",
        "multi-query, 1, 0, alibi",
        "sliding-window, 4, 3, sinusoidal",
        "sliding-window, 2, 5, rope",
    })
    void greedyBatchesEqualOneAtATimeForEveryVariant(String type, int kvHeads, int window, String positions) {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(
                    TestModels.decoder(TestModels.attention(type, 4, kvHeads, window), positions), manager, 51);
            // 12 new tokens: the 48-token prompt and the 20-token one outgrow the context of 48 on the way.
            assertBatchedEqualsAlone(model, manager, prompts(LENGTHS, 1), SamplingConfig.greedy(12), Integer.MAX_VALUE, 4);
        }
    }

    @Test
    void rowsStoppingAtDifferentStepsLeaveTheBatchWithTheirOwnTokens() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(
                    TestModels.decoder(TestModels.attention("multi-head", 4, 4, 0), "learned"), manager, 52);
            List<int[]> prompts = prompts(LENGTHS, 2);
            Generator alone = new Generator(model, manager);
            List<int[]> free = new ArrayList<>();
            for (int[] prompt : prompts) {
                free.add(alone.generate(prompt, SamplingConfig.greedy(16), true));
            }
            int stop = stopReachedAtSeveralSteps(free);
            SamplingConfig config = new SamplingConfig(16, 0f, 0, 1f, 0L, stop);
            Set<Integer> stoppedAfter = new HashSet<>();
            for (int[] prompt : prompts) {
                int[] tokens = alone.generate(prompt, config, true);
                if (tokens.length < 16) {
                    stoppedAfter.add(tokens.length);
                }
            }
            assertTrue(stoppedAfter.size() >= 2, "stop token " + stop + " must end rows at different steps: " + stoppedAfter);
            assertBatchedEqualsAlone(model, manager, prompts, config, Integer.MAX_VALUE, 16);
        }
    }

    @ParameterizedTest(name = "{0} positions, temperature {1}, top_k {2}, top_p {3}")
    @CsvSource({"learned, 0.9, 20, 0.95", "rope, 1.3, 0, 1", "alibi, 0.7, 5, 0.8"})
    void seededSamplingEqualsOneAtATimeWithTheSameSeed(String positions, float temperature, int topK, float topP) {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(
                    TestModels.decoder(TestModels.attention("multi-head", 4, 4, 0), positions), manager, 53);
            SamplingConfig config = new SamplingConfig(14, temperature, topK, topP, 7L, -1);
            assertBatchedEqualsAlone(model, manager, prompts(LENGTHS, 3), config, Integer.MAX_VALUE, 3);
        }
    }

    @Test
    void theVocabularyLimitHoldsInEveryRow() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(
                    TestModels.decoder(TestModels.attention("grouped-query", 4, 2, 0), "rope"), manager, 54);
            SamplingConfig config = new SamplingConfig(20, 2f, 0, 1f, 5L, -1);
            List<int[]> batched = assertBatchedEqualsAlone(model, manager, prompts(LENGTHS, 4), config, 7, 5);
            for (int[] tokens : batched) {
                for (int id : tokens) {
                    assertTrue(id >= 0 && id < 7, "id " + id + " is beyond the 7 a tokenizer could decode");
                }
            }
        }
    }

    @Test
    void promptsLongerThanTheContextAndLongRunsPastItGiveTheSameTokens() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(
                    TestModels.decoder(TestModels.attention("multi-query", 4, 1, 0), "alibi"), manager, 55);
            // 60 tokens: longer than the context of 48; 40 + 30 new ones overflow after 8 steps.
            List<int[]> prompts = prompts(new int[] {60, 40, 3, 47, 10}, 5);
            assertBatchedEqualsAlone(model, manager, prompts, SamplingConfig.greedy(30), Integer.MAX_VALUE, 8);
        }
    }

    @Test
    void tiedLogitsSendEveryRowToItsOwnDecoding() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(
                    TestModels.decoder(TestModels.attention("multi-head", 4, 4, 0), "learned"), manager, 56);
            // All-zero weights: every logit is 0, so every greedy choice is a tie too close to call in a batch.
            model.namedParameters().values().forEach(p -> HostCopy.into(p.getArray(), new float[(int) p.getShape().size()]));
            Generator generator = new Generator(model, manager);
            List<int[]> prompts = prompts(new int[] {3, 5, 1}, 6);
            List<int[]> batched = generator.generate(prompts, SamplingConfig.greedy(4), Integer.MAX_VALUE, 3);
            assertEquals(3, generator.regeneratedRows());
            for (int[] tokens : batched) {
                assertArrayEquals(new int[] {0, 0, 0, 0}, tokens, "argmax of equal logits is the first id");
            }
        }
    }

    @Test
    void noNewTokensAndEmptyPrompts() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TestModels.initialized(
                    TestModels.decoder(TestModels.attention("multi-head", 4, 4, 0), "learned"), manager, 57);
            Generator generator = new Generator(model, manager);
            List<int[]> none = generator.generate(prompts(new int[] {2, 3}, 7), SamplingConfig.greedy(0), 61, 2);
            assertEquals(0, none.get(0).length + none.get(1).length);
            IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                    () -> generator.generate(List.of(new int[] {1}, new int[0]), SamplingConfig.greedy(3), 61, 2));
            assertEquals("prompts[1]: needs at least one token", empty.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> generator.generate(List.of(new int[] {1}), SamplingConfig.greedy(3), 61, 0));
        }
    }

    /** Batched (batch {@code batchSize}) equals one-at-a-time for every prompt, and no row needed its own decoding. */
    private static List<int[]> assertBatchedEqualsAlone(LanguageModel model, NDManager manager, List<int[]> prompts,
            SamplingConfig config, int vocabulary, int batchSize) {
        Generator generator = new Generator(model, manager);
        List<int[]> batched = generator.generate(prompts, config, vocabulary, batchSize);
        // Greedy choices here are never too close to call; a sampled draw now and then lands within
        // the tolerance of a share's edge, and that row is decoded alone (still equal, by construction).
        long allowed = config.isGreedy() ? 0 : prompts.size() / 3;
        assertTrue(generator.regeneratedRows() <= allowed,
                generator.regeneratedRows() + " rows decoded alone after a too-close call; at most " + allowed);
        assertEquals(prompts.size(), batched.size());
        for (int i = 0; i < prompts.size(); i++) {
            int[] alone = generator.generate(prompts.get(i), config, true, vocabulary);
            assertArrayEquals(alone, batched.get(i), "prompt " + i + " (" + prompts.get(i).length + " tokens)");
        }
        assertTrue(batched.stream().anyMatch(tokens -> tokens.length > 0));
        return batched;
    }

    /** A token that is the first stop of at least two of these generations, at different steps. */
    private static int stopReachedAtSeveralSteps(List<int[]> generations) {
        for (int id = 0; id < TestModels.VOCAB; id++) {
            Set<Integer> firstAt = new HashSet<>();
            for (int[] tokens : generations) {
                for (int t = 0; t < tokens.length; t++) {
                    if (tokens[t] == id) {
                        firstAt.add(t);
                        break;
                    }
                }
            }
            if (firstAt.size() >= 2) {
                return id;
            }
        }
        throw new AssertionError("no token ends two generations at different steps");
    }

    private static List<int[]> prompts(int[] lengths, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> prompts = new ArrayList<>();
        for (int length : lengths) {
            prompts.add(random.ints(length, 0, TestModels.VOCAB).toArray());
        }
        return prompts;
    }
}
