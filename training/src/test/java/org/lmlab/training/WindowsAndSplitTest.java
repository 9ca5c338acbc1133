package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lmlab.training.data.BatchSampler;
import org.lmlab.training.data.CorpusSplit;
import org.lmlab.training.data.DataPosition;
import org.lmlab.training.data.Example;
import org.lmlab.training.data.SlidingWindows;
import org.lmlab.training.data.TokenArray;
import org.lmlab.training.data.TrainingData;
import org.lmlab.training.data.WindowShape;
import org.lmlab.training.objective.CausalLmObjective;
import org.lmlab.training.objective.HostBatch;
import org.lmlab.training.seed.RandomStreams;
import org.lmlab.training.seed.SeededRandom;

class WindowsAndSplitTest {

    private static TokenArray counting(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 100 + i;
        }
        return new TokenArray(ids);
    }

    @Test
    void causalWindowsAreTheBooksInputTargetPairs() {
        // GPTDatasetV1 with max_length 4, stride 4 over 14 tokens: starts 0, 4, 8 (12 + 4 needs a 17th token).
        CausalLmObjective causal = new CausalLmObjective(0);
        SlidingWindows windows = new SlidingWindows(counting(14), 0, 14, org.lmlab.training.data.WindowShape.adjacent(causal.exampleTokens(4), 4));
        assertEquals(3, windows.size());
        HostBatch batch = causal.prepare(List.of(windows.get(0), windows.get(1), windows.get(2)), new SeededRandom(1));
        assertArrayEquals(new long[] {100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111}, batch.tokens());
        assertArrayEquals(new long[] {101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112}, batch.labels());
        assertEquals(null, batch.padding());
        assertEquals(12, batch.targetCount());
    }

    @Test
    void strideShorterThanTheWindowOverlaps() {
        SlidingWindows windows = new SlidingWindows(counting(10), 0, 10, new WindowShape(4, 2));
        assertEquals(4, windows.size());
        assertArrayEquals(new int[] {102, 103, 104, 105}, windows.get(1).tokens());
        assertArrayEquals(new int[] {106, 107, 108, 109}, windows.get(3).tokens());
    }

    @Test
    void aRangeShorterThanOneWindowGivesOneShortExample() {
        SlidingWindows windows = new SlidingWindows(counting(10), 7, 10, new WindowShape(5, 5));
        assertEquals(1, windows.size());
        assertArrayEquals(new int[] {107, 108, 109}, windows.get(0).tokens());
        assertEquals(0, new SlidingWindows(counting(10), 9, 10, new WindowShape(5, 5)).size());
    }

    @Test
    void splitByFractionKeepsWindowsOnTheirSideOfTheBoundary() {
        TrainingData data = CorpusSplit.split(counting(100), new WindowShape(5, 5), 0.1);
        assertEquals(90, CorpusSplit.boundary(100, 0.1));
        assertEquals(18, data.train().size());
        assertEquals(2, data.validation().size());
        assertArrayEquals(new int[] {185, 186, 187, 188, 189}, data.train().get(17).tokens());
        assertArrayEquals(new int[] {190, 191, 192, 193, 194}, data.validation().get(0).tokens());
        // The book's the-verdict split: 5,145 tokens, 90% -> 4,630 training tokens.
        assertEquals(4630, CorpusSplit.boundary(5145, 0.1));
        assertThrows(IllegalArgumentException.class, () -> CorpusSplit.boundary(10, 1.0));
    }

    @Test
    void samplerVisitsEveryExampleOncePerEpochAndDropsTheRemainder() {
        SlidingWindows windows = new SlidingWindows(counting(11), 0, 11, new WindowShape(1 + 1, 1));
        assertEquals(10, windows.size());
        BatchSampler sampler = new BatchSampler(windows, 3, new RandomStreams(9));
        assertEquals(3, sampler.batchesPerEpoch());
        DataPosition position = DataPosition.START;
        Set<Example> epochZero = new HashSet<>();
        for (int b = 0; b < 3; b++) {
            BatchSampler.Draw draw = sampler.next(position);
            epochZero.addAll(draw.examples());
            position = draw.next();
        }
        assertEquals(9, epochZero.size());
        assertEquals(new DataPosition(0, 9), position);
        BatchSampler.Draw next = sampler.next(position);
        assertEquals(new DataPosition(1, 3), next.next());
        assertNotEquals(List.of(sampler.order(0)), List.of(sampler.order(1)));
        // Resuming from a saved position gives the same batch as running on.
        BatchSampler fresh = new BatchSampler(windows, 3, new RandomStreams(9));
        assertEquals(next.examples(), fresh.next(position).examples());
    }

    @Test
    void tooFewExamplesForOneBatchIsAClearError() {
        SlidingWindows windows = new SlidingWindows(counting(5), 0, 5, new WindowShape(4, 4));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new BatchSampler(windows, 2, new RandomStreams(1)));
        assertEquals("the training set has 1 examples, fewer than one batch of 2; use a smaller batch, a shorter context or more data",
                error.getMessage());
    }

    @Test
    void raggedCausalBatchesArePaddedAndTheirLabelsIgnored() {
        CausalLmObjective causal = new CausalLmObjective(7);
        List<Example> examples = new ArrayList<>(List.of(Example.of(1, 2, 3, 4), Example.of(5, 6)));
        HostBatch batch = causal.prepare(examples, new SeededRandom(0));
        assertEquals(2, batch.rows());
        assertEquals(3, batch.length());
        assertArrayEquals(new long[] {1, 2, 3, 5, 7, 7}, batch.tokens());
        assertArrayEquals(new long[] {2, 3, 4, 6, -100, -100}, batch.labels());
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0}, batch.padding());
        assertEquals(4, batch.targetCount());
        assertEquals(4, batch.inputTokenCount());
    }
}
