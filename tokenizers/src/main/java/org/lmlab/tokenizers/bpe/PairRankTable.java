package org.lmlab.tokenizers.bpe;

import java.util.Arrays;

/**
 * Open-addressing hash table from an adjacent pair of token ids to its merge rank. The merge
 * loop asks it for every neighbouring pair, so it avoids boxing and pointer chasing: keys
 * are the two ids packed in one {@code long}, values plain {@code int}s.
 */
final class PairRankTable {

    static final int ABSENT = Integer.MAX_VALUE;

    private final long[] keys;
    private final int[] ranks;
    private final int mask;

    PairRankTable(int expectedPairs) {
        int capacity = Integer.highestOneBit(Math.max(4, expectedPairs * 3)) << 1;
        keys = new long[capacity];
        ranks = new int[capacity];
        Arrays.fill(keys, -1L);
        mask = capacity - 1;
    }

    /** Records a pair; returns false if it was already present (the first rank is kept). */
    boolean put(int left, int right, int rank) {
        long key = key(left, right);
        int slot = slot(key);
        while (keys[slot] != -1L) {
            if (keys[slot] == key) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        ranks[slot] = rank;
        return true;
    }

    /** The rank of a pair, or {@link #ABSENT}. */
    int rank(int left, int right) {
        long key = key(left, right);
        int slot = slot(key);
        long found;
        while ((found = keys[slot]) != -1L) {
            if (found == key) {
                return ranks[slot];
            }
            slot = (slot + 1) & mask;
        }
        return ABSENT;
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }
}
