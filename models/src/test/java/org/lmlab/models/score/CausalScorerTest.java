package org.lmlab.models.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.reference.Gpt2Fixture;
import org.lmlab.models.reference.HfCheckpointFixtures;
import org.lmlab.models.reference.ReferenceGpt2;

/**
 * {@link CausalScorer} on a GPT-2 checkpoint the test writes (vocabulary 97, 32 positions),
 * against the independent float64 {@link ReferenceGpt2}: continuation log-likelihoods, the
 * greedy flag, truncation, rolling windows, and batching that changes nothing.
 */
class CausalScorerTest {

    private static final int[] CONTEXT = {3, 91, 14, 15, 92, 65};
    private static final int[] CONTINUATION = {35, 89, 79, 32};

    /**
     * Float32 logits of about 10 carry errors near 1e-6, which add up over a long text: sums of
     * many tokens are held to 1e-6 per token (the mean to 1e-6), short continuations to 1e-5.
     */
    private static final double PER_TOKEN = 1e-6;

    @TempDir
    static Path checkpoint;

    private static NDManager manager;
    private static LanguageModel model;
    private static ReferenceGpt2 reference;

    @BeforeAll
    static void load() throws IOException {
        HfCheckpointFixtures.writeGpt2(checkpoint, Gpt2Fixture.small(401));
        reference = ReferenceGpt2.load(checkpoint);
        manager = OfflineEngine.get().newBaseManager();
        model = ModelDirectory.standard().load(checkpoint, manager);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void logLikelihoodIsTheSumOfTheReferenceLogProbabilitiesOfTheContinuation() {
        LogLikelihood result = new CausalScorer(model, manager).logLikelihood(CONTEXT, CONTINUATION);
        double expected = referenceLogLikelihood(CONTEXT, CONTINUATION);
        assertEquals(expected, result.logLikelihood(), 1e-5);
        assertTrue(expected < -4, "random weights must not make the continuation trivially likely: " + expected);
        assertFalse(result.greedy(), "a made-up continuation is not what the model would write");
    }

    @Test
    void theGreedyFlagIsTrueForTheReferenceArgmaxContinuationAndFalseWithOneTokenChanged() {
        int[] greedy = referenceGreedyContinuation(CONTEXT, 5);
        CausalScorer scorer = new CausalScorer(model, manager);
        LogLikelihood best = scorer.logLikelihood(CONTEXT, greedy);
        assertTrue(best.greedy());
        assertEquals(referenceLogLikelihood(CONTEXT, greedy), best.logLikelihood(), 1e-5);
        for (int changed = 0; changed < greedy.length; changed++) {
            int[] other = greedy.clone();
            other[changed] = (other[changed] + 1) % 97;
            LogLikelihood result = scorer.logLikelihood(CONTEXT, other);
            assertFalse(result.greedy(), "token " + changed + " changed");
            assertEquals(referenceLogLikelihood(CONTEXT, other), result.logLikelihood(), 1e-5);
            assertTrue(result.logLikelihood() < best.logLikelihood());
        }
    }

    @Test
    void aLongContextLosesItsStartAndTheContinuationStaysWhole() {
        int[] context = randomIds(new Random(1), 40);
        int[] continuation = {7, 8, 9, 10, 11};
        double expected = referenceLogLikelihood(Arrays.copyOfRange(context, 40 + 5 - 32, 40), continuation);
        assertEquals(expected, new CausalScorer(model, manager).logLikelihood(context, continuation).logLikelihood(), 1e-5);

        CausalScorer eight = new CausalScorer(model, manager, ScoringConfig.DEFAULT.withWindow(8));
        double inEight = referenceLogLikelihood(Arrays.copyOfRange(context, 37, 40), continuation);
        assertEquals(inEight, eight.logLikelihood(context, continuation).logLikelihood(), 1e-5);
        int[] seven = {1, 2, 3, 4, 5, 6, 7};
        assertEquals(referenceLogLikelihood(new int[] {context[39]}, seven), eight.logLikelihood(context, seven).logLikelihood(), 1e-5);
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> eight.logLikelihood(context, new int[8]));
        assertTrue(tooLong.getMessage().contains("at most 7"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> eight.logLikelihood(new int[0], seven));
        assertThrows(IllegalArgumentException.class, () -> eight.logLikelihood(context, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> eight.logLikelihood(context, new int[] {97}));
    }

    @Test
    void batchedRequestsOfMixedLengthsGiveWhatEachGivesAlone() {
        Random random = new Random(2);
        List<LogLikelihoodRequest> requests = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            requests.add(new LogLikelihoodRequest(randomIds(random, 1 + random.nextInt(36)), randomIds(random, 1 + random.nextInt(8))));
        }
        CausalScorer alone = new CausalScorer(model, manager, ScoringConfig.DEFAULT.withBatchSize(1));
        CausalScorer batched = new CausalScorer(model, manager, ScoringConfig.DEFAULT.withBatchSize(4));
        List<LogLikelihood> together = batched.logLikelihoods(requests);
        assertEquals(requests.size(), together.size());
        for (int i = 0; i < requests.size(); i++) {
            LogLikelihoodRequest request = requests.get(i);
            LogLikelihood single = alone.logLikelihood(request.context(), request.continuation());
            assertEquals(single.logLikelihood(), together.get(i).logLikelihood(), "request " + i);
            assertEquals(single.greedy(), together.get(i).greedy(), "request " + i);
            int[] context = request.context();
            int keep = Math.min(context.length, 32 - request.continuation().length);
            double expected = referenceLogLikelihood(Arrays.copyOfRange(context, context.length - keep, context.length),
                    request.continuation());
            assertEquals(expected, together.get(i).logLikelihood(), 1e-5, "request " + i);
        }
        LogLikelihood first = alone.logLikelihood(requests.get(0).context(), requests.get(0).continuation());
        assertEquals(first, together.get(0), "same request, same answer, bit for bit");
    }

    @Test
    void rollingLogLikelihoodOverATextLongerThanTheContextIsTheReferencePerWindow() {
        int[] text = randomIds(new Random(3), 75);
        SequenceLogLikelihood full = new CausalScorer(model, manager).rollingLogLikelihood(text);
        assertEquals(74, full.tokens());
        // Windows of 32 tokens overlapping by one: [0, 32), [31, 63), [62, 75).
        assertEquals(referenceRolling(text, 32), full.logLikelihood(), PER_TOKEN * 74);
        assertEquals(full.logLikelihood(), -full.score().loss() * 74, 1e-9);

        SequenceLogLikelihood ten = new CausalScorer(model, manager, ScoringConfig.DEFAULT.withWindow(10)).rollingLogLikelihood(text);
        assertEquals(74, ten.tokens());
        assertEquals(referenceRolling(text, 10), ten.logLikelihood(), PER_TOKEN * 74);
        assertTrue(Math.abs(ten.logLikelihood() - full.logLikelihood()) > 1, "shorter windows see less and score differently");

        int[] exact = Arrays.copyOf(text, 32);
        assertEquals(-reference.meanNextTokenLoss(exact) * 31,
                new CausalScorer(model, manager).rollingLogLikelihood(exact).logLikelihood(), 1e-5);
    }

    @Test
    void rollingBatchedAcrossSequencesGivesWhatEachGivesAlone() {
        Random random = new Random(4);
        List<int[]> texts = List.of(randomIds(random, 75), randomIds(random, 2), randomIds(random, 33), randomIds(random, 17));
        CausalScorer scorer = new CausalScorer(model, manager, ScoringConfig.DEFAULT.withWindow(12).withBatchSize(5));
        CausalScorer alone = new CausalScorer(model, manager, ScoringConfig.DEFAULT.withWindow(12).withBatchSize(1));
        List<SequenceLogLikelihood> together = scorer.sequenceLogLikelihoods(texts);
        for (int i = 0; i < texts.size(); i++) {
            SequenceLogLikelihood single = alone.rollingLogLikelihood(texts.get(i));
            assertEquals(single.logLikelihood(), together.get(i).logLikelihood(), "text " + i);
            assertEquals(texts.get(i).length - 1, together.get(i).tokens());
            assertEquals(referenceRolling(texts.get(i), 12), together.get(i).logLikelihood(), PER_TOKEN * texts.get(i).length,
                    "text " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> scorer.rollingLogLikelihood(new int[] {5}));
    }

    @Test
    void theFactoryGivesADecoderACausalScorerWithoutAskingForMaskTokens() {
        Scorer scorer = Scorer.forModel(model, manager, ScoringConfig.DEFAULT, () -> {
            throw new AssertionError("a decoder needs no mask tokens");
        });
        assertTrue(scorer instanceof CausalScorer);
        int[] text = randomIds(new Random(5), 20);
        assertEquals(new CausalScorer(model, manager).rollingLogLikelihood(text), scorer.sequenceLogLikelihood(text));
        assertThrows(IllegalArgumentException.class, () -> new CausalScorer(model, manager, ScoringConfig.DEFAULT.withWindow(33)));
        assertThrows(IllegalArgumentException.class, () -> new CausalScorer(model, manager, ScoringConfig.DEFAULT.withWindow(1)));
    }

    /** The reference's log-probabilities of the continuation tokens after the context, summed. */
    private static double referenceLogLikelihood(int[] context, int[] continuation) {
        int[] all = Arrays.copyOf(context, context.length + continuation.length);
        System.arraycopy(continuation, 0, all, context.length, continuation.length);
        double[] logProbabilities = reference.nextTokenLogProbabilities(all);
        double total = 0;
        for (int i = context.length - 1; i < logProbabilities.length; i++) {
            total += logProbabilities[i];
        }
        return total;
    }

    /** Windows of {@code window} tokens starting every {@code window - 1}, each scored by the reference on its own. */
    private static double referenceRolling(int[] text, int window) {
        double total = 0;
        int predicted = 0;
        for (int start = 0; start < text.length - 1; start += window - 1) {
            double[] logProbabilities = reference.nextTokenLogProbabilities(
                    Arrays.copyOfRange(text, start, Math.min(text.length, start + window)));
            for (double value : logProbabilities) {
                total += value;
            }
            predicted += logProbabilities.length;
        }
        assertEquals(text.length - 1, predicted);
        return total;
    }

    /** Greedy decoding of the reference, checking each step's best token wins by a clear margin. */
    private static int[] referenceGreedyContinuation(int[] context, int tokens) {
        int[] sequence = context.clone();
        for (int step = 0; step < tokens; step++) {
            double[][] logits = reference.logits(sequence);
            double[] last = logits[logits.length - 1];
            int best = 0;
            for (int v = 1; v < last.length; v++) {
                best = last[v] > last[best] ? v : best;
            }
            for (int v = 0; v < last.length; v++) {
                assertTrue(v == best || last[best] - last[v] > 1e-3, "step " + step + ": a near tie would make the test fragile");
            }
            sequence = Arrays.copyOf(sequence, sequence.length + 1);
            sequence[sequence.length - 1] = best;
        }
        return Arrays.copyOfRange(sequence, context.length, sequence.length);
    }

    private static int[] randomIds(Random random, int length) {
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = random.nextInt(97);
        }
        return ids;
    }
}
