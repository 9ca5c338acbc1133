package org.lmlab.training.data;

/**
 * A long run of token ids, such as a tokenised corpus, read by position. Implementations may
 * be memory-mapped files ({@link TokenFile}) or arrays ({@link TokenArray}).
 */
public interface TokenSequence {

    /** Number of tokens. */
    int length();

    /** The token at {@code index}. */
    int get(int index);

    /** A copy of tokens {@code from} (inclusive) to {@code to} (exclusive). */
    default int[] slice(int from, int to) {
        if (from < 0 || to > length() || from > to) {
            throw new IndexOutOfBoundsException("slice " + from + ".." + to + " of " + length() + " tokens");
        }
        int[] copy = new int[to - from];
        for (int i = from; i < to; i++) {
            copy[i - from] = get(i);
        }
        return copy;
    }
}
