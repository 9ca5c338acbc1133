package org.lmlab.models.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.reference.BertFixture;
import org.lmlab.models.reference.HfCheckpointFixtures;
import org.lmlab.models.reference.ReferenceBert;

/**
 * {@link PseudoLikelihoodScorer} on a BERT checkpoint the test writes (vocabulary 97, 32
 * positions; ids 0, 1, 2 play [PAD], [CLS], [SEP] and 4 [MASK]) against the independent float64
 * {@link ReferenceBert} with each position masked in turn, and batching across sentences of
 * different lengths that changes nothing.
 */
class PseudoLikelihoodScorerTest {

    private static final int MASK = 4;
    private static final Set<Integer> SPECIAL = Set.of(0, 1, 2);
    private static final MaskTokens TOKENS = new MaskTokens(MASK, SPECIAL);

    @TempDir
    static Path checkpoint;

    private static NDManager manager;
    private static LanguageModel model;
    private static ReferenceBert reference;

    @BeforeAll
    static void load() throws IOException {
        HfCheckpointFixtures.writeBert(checkpoint, BertFixture.small(501));
        reference = ReferenceBert.load(checkpoint);
        manager = OfflineEngine.get().newBaseManager();
        model = ModelDirectory.standard().load(checkpoint, manager);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void pseudoLogLikelihoodIsTheReferenceWithEachPositionMaskedInTurn() {
        int[] framed = {1, 14, 15, 92, 65, 35, 89, 2};
        SequenceLogLikelihood result = new PseudoLikelihoodScorer(model, manager, TOKENS).pseudoLogLikelihood(framed);
        double[] expected = reference.maskedLogProbabilities(framed, MASK, SPECIAL);
        assertEquals(6, expected.length);
        assertEquals(6, result.tokens());
        assertEquals(sum(expected), result.logLikelihood(), 1e-5);
        assertTrue(sum(expected) < -6, "random weights must not make the sentence trivially likely: " + sum(expected));
        assertEquals(reference.pseudoLogLikelihoodLoss(framed, MASK, SPECIAL), result.score().loss(), 2e-6);
    }

    @Test
    void sentencesOfDifferentLengthsBatchedTogetherGiveWhatEachGivesAlone() {
        Random random = new Random(6);
        List<int[]> sentences = new ArrayList<>();
        for (int length : new int[] {3, 12, 7, 30, 1, 19, 7, 25}) {
            sentences.add(framed(random, length));
        }
        PseudoLikelihoodScorer alone = new PseudoLikelihoodScorer(model, manager, TOKENS, ScoringConfig.DEFAULT.withBatchSize(1));
        List<SequenceLogLikelihood> together = new PseudoLikelihoodScorer(model, manager, TOKENS,
                ScoringConfig.DEFAULT.withBatchSize(24)).pseudoLogLikelihoods(sentences);
        List<SequenceLogLikelihood> small = new PseudoLikelihoodScorer(model, manager, TOKENS,
                ScoringConfig.DEFAULT.withBatchSize(5).withTokenBudget(100)).pseudoLogLikelihoods(sentences);
        for (int i = 0; i < sentences.size(); i++) {
            int[] sentence = sentences.get(i);
            SequenceLogLikelihood single = alone.pseudoLogLikelihood(sentence);
            assertEquals(sentence.length - 2, single.tokens());
            assertEquals(single, together.get(i), "sentence " + i + " batched with the others");
            assertEquals(single, small.get(i), "sentence " + i + " in small batches");
            assertEquals(sum(reference.maskedLogProbabilities(sentence, MASK, SPECIAL)), together.get(i).logLikelihood(), 1e-5,
                    "sentence " + i);
        }
    }

    @Test
    void specialTokensAreReadButNotScored() {
        int[] withPadding = {1, 20, 21, 2, 0, 0};
        SequenceLogLikelihood result = new PseudoLikelihoodScorer(model, manager, TOKENS).pseudoLogLikelihood(withPadding);
        assertEquals(2, result.tokens());
        assertEquals(sum(reference.maskedLogProbabilities(withPadding, MASK, SPECIAL)), result.logLikelihood(), 1e-5);
        PseudoLikelihoodScorer scorer = new PseudoLikelihoodScorer(model, manager, TOKENS);
        assertThrows(IllegalArgumentException.class, () -> scorer.pseudoLogLikelihood(new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> scorer.pseudoLogLikelihood(new int[33]));
        assertThrows(IllegalArgumentException.class, () -> scorer.pseudoLogLikelihood(new int[] {1, 97, 2}));
    }

    @Test
    void theFactoryGivesAnEncoderAPseudoLikelihoodScorer() {
        Scorer scorer = Scorer.forModel(model, manager, ScoringConfig.DEFAULT, () -> TOKENS);
        assertTrue(scorer instanceof PseudoLikelihoodScorer);
        int[] framed = framed(new Random(7), 9);
        assertEquals(new PseudoLikelihoodScorer(model, manager, TOKENS).pseudoLogLikelihood(framed), scorer.sequenceLogLikelihood(framed));
        assertThrows(IllegalArgumentException.class, () -> new CausalScorer(model, manager));
    }

    /** [CLS], {@code words} random ordinary ids, [SEP]. */
    private static int[] framed(Random random, int words) {
        int[] ids = new int[words + 2];
        ids[0] = 1;
        for (int i = 1; i <= words; i++) {
            ids[i] = 5 + random.nextInt(92);
        }
        ids[words + 1] = 2;
        return ids;
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double value : values) {
            total += value;
        }
        return total;
    }
}
