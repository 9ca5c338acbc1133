package org.lmlab.tokenizers.text;

/** The one check every tokenizer makes before looking up an id: that it is in the vocabulary. */
public final class TokenIds {

    private TokenIds() {
    }

    /** {@code id}, or an error naming it and the vocabulary's range. */
    public static int checked(int id, int vocabularySize) {
        if (id < 0 || id >= vocabularySize) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (0.." + (vocabularySize - 1) + ")");
        }
        return id;
    }
}
