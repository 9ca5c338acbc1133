package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lmlab.training.seed.RandomStreams;
import org.lmlab.training.seed.SeededRandom;
import org.lmlab.training.seed.SplitMix64;

class RandomStreamsTest {

    @Test
    void generatorReproducesTheReferenceSplitMix64Sequence() {
        SeededRandom random = new SeededRandom(0);
        assertEquals(0xE220A8397B1DCDAFL, random.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, random.nextLong());
        assertEquals(0x06C45D188009454FL, random.nextLong());
        assertEquals(0xE220A8397B1DCDAFL, SplitMix64.mix(0));
    }

    @Test
    void streamsOfOneSeedAreDistinctAndStable() {
        RandomStreams streams = new RandomStreams(123);
        Set<Long> seeds = new HashSet<>(Arrays.asList(streams.init(), streams.data(), streams.masking(), streams.dropout()));
        assertEquals(4, seeds.size());
        assertEquals(streams.init(), new RandomStreams(123).init());
        assertNotEquals(streams.init(), new RandomStreams(124).init());
        assertNotEquals(streams.dropoutSeed(1), streams.dropoutSeed(2));
        assertTrue(streams.dropoutSeed(7) >= 0 && streams.initSeed() >= 0);
    }

    @Test
    void epochOrderIsAPermutationThatDependsOnSeedAndEpoch() {
        RandomStreams streams = new RandomStreams(5);
        int[] first = streams.epochOrder(0).permutation(50);
        int[] sorted = first.clone();
        Arrays.sort(sorted);
        int[] identity = new int[50];
        Arrays.setAll(identity, i -> i);
        assertArrayEquals(identity, sorted);
        assertArrayEquals(first, new RandomStreams(5).epochOrder(0).permutation(50));
        assertNotEquals(Arrays.toString(first), Arrays.toString(streams.epochOrder(1).permutation(50)));
        assertNotEquals(Arrays.toString(first), Arrays.toString(new RandomStreams(6).epochOrder(0).permutation(50)));
    }

    @Test
    void boundedIntsAreUniform() {
        SeededRandom random = new SeededRandom(42);
        int[] counts = new int[6];
        int draws = 60_000;
        for (int i = 0; i < draws; i++) {
            counts[random.nextInt(6)]++;
        }
        for (int count : counts) {
            assertEquals(draws / 6.0, count, 400, Arrays.toString(counts));
        }
    }
}
