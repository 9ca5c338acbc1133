package org.lmlab.tokenizers.bpe;

import java.util.Arrays;

/**
 * Applies rank-ordered BPE merges to one piece: repeatedly merge the adjacent pair with the
 * lowest rank, leftmost first on ties, until no pair has a rank. Short pieces (almost all of
 * them) use a flat array of pair ranks, updating only the two neighbours of each merge; long
 * ones use a linked list of symbols and a min-heap of candidate pairs, so a word of 10,000
 * characters costs O(n log n) instead of the O(n^2) of the textbook loop.
 */
final class BpeMerger {

    /** Pieces up to this many symbols use the flat-array loop. */
    private static final int FLAT_LIMIT = 48;

    private final PairRankTable ranks;
    private final int[] mergeResult;

    /**
     * @param ranks       rank of each mergeable pair
     * @param mergeResult id of the token that the merge of each rank produces
     */
    BpeMerger(PairRankTable ranks, int[] mergeResult) {
        this.ranks = ranks;
        this.mergeResult = mergeResult;
    }

    /** Merges {@code ids[0, n)} in place and returns the new length. */
    int merge(int[] ids, int n) {
        if (n < 2) {
            return n;
        }
        return n <= FLAT_LIMIT ? mergeFlat(ids, n) : mergeWithHeap(ids, n);
    }

    private int mergeFlat(int[] ids, int n) {
        int[] pairRanks = new int[n];
        for (int i = 0; i < n - 1; i++) {
            pairRanks[i] = ranks.rank(ids[i], ids[i + 1]);
        }
        while (n > 1) {
            int best = PairRankTable.ABSENT;
            int at = -1;
            for (int i = 0; i < n - 1; i++) {
                if (pairRanks[i] < best) {
                    best = pairRanks[i];
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            ids[at] = mergeResult[best];
            System.arraycopy(ids, at + 2, ids, at + 1, n - at - 2);
            System.arraycopy(pairRanks, at + 2, pairRanks, at + 1, n - at - 2);
            n--;
            if (at > 0) {
                pairRanks[at - 1] = ranks.rank(ids[at - 1], ids[at]);
            }
            pairRanks[at] = at < n - 1 ? ranks.rank(ids[at], ids[at + 1]) : PairRankTable.ABSENT;
        }
        return n;
    }

    private int mergeWithHeap(int[] ids, int n) {
        int[] next = new int[n];
        int[] prev = new int[n];
        for (int i = 0; i < n; i++) {
            next[i] = i + 1;
            prev[i] = i - 1;
        }
        next[n - 1] = -1;
        LongMinHeap heap = new LongMinHeap(n);
        for (int i = 0; i < n - 1; i++) {
            push(heap, ids, i, i + 1);
        }
        while (!heap.isEmpty()) {
            long entry = heap.pop();
            int rank = (int) (entry >>> 32);
            int left = (int) entry;
            int right = next[left];
            if (ids[left] < 0 || right < 0 || ranks.rank(ids[left], ids[right]) != rank) {
                continue; // stale: one side was merged away since this pair was queued
            }
            ids[left] = mergeResult[rank];
            ids[right] = -1;
            int after = next[right];
            next[left] = after;
            if (after >= 0) {
                prev[after] = left;
                push(heap, ids, left, after);
            }
            if (prev[left] >= 0) {
                push(heap, ids, prev[left], left);
            }
        }
        int out = 0;
        for (int i = 0; i >= 0; i = next[i]) {
            ids[out++] = ids[i];
        }
        return out;
    }

    private void push(LongMinHeap heap, int[] ids, int left, int right) {
        int rank = ranks.rank(ids[left], ids[right]);
        if (rank != PairRankTable.ABSENT) {
            heap.push(((long) rank << 32) | left);
        }
    }

    /** A binary min-heap of longs: (rank, position) packed so that ties go to the leftmost pair. */
    private static final class LongMinHeap {
        private long[] items;
        private int size;

        LongMinHeap(int capacity) {
            items = new long[Math.max(4, capacity)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(long item) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (items[parent] <= item) {
                    break;
                }
                items[i] = items[parent];
                i = parent;
            }
            items[i] = item;
        }

        long pop() {
            long top = items[0];
            long last = items[--size];
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                if (child + 1 < size && items[child + 1] < items[child]) {
                    child++;
                }
                if (last <= items[child]) {
                    break;
                }
                items[i] = items[child];
                i = child;
            }
            items[i] = last;
            return top;
        }
    }
}
