package org.lmlab.training.data;

import java.util.Arrays;

/** A token sequence held in a Java array: small corpora and tests. */
public final class TokenArray implements TokenSequence {

    private final int[] tokens;

    /** Wraps a copy of these ids. */
    public TokenArray(int[] tokens) {
        this.tokens = tokens.clone();
    }

    @Override
    public int length() {
        return tokens.length;
    }

    @Override
    public int get(int index) {
        return tokens[index];
    }

    @Override
    public int[] slice(int from, int to) {
        return Arrays.copyOfRange(tokens, from, to);
    }
}
