package org.lmlab.training.data;

/**
 * The JSON sidecar next to a cached token file: what was tokenised with what, so a cache whose
 * source or tokenizer changed is recognised as stale and rebuilt.
 *
 * @param format       version of this layout (currently 1)
 * @param source       the corpus file, absolute
 * @param sourceSha256 SHA-256 of the corpus bytes, lower-case hex
 * @param tokenizer    the tokenizer's registered name
 * @param vocabSize    the tokenizer's vocabulary size
 * @param tokens       number of ids in the token file
 */
public record TokenCacheEntry(int format, String source, String sourceSha256, String tokenizer, int vocabSize, long tokens) {

    /** The layout this code writes and reads. */
    public static final int FORMAT = 1;

    /** True if this entry was made from the same bytes with the same tokenizer. */
    public boolean matches(String sha256, String tokenizerName, int vocabularySize) {
        return format == FORMAT && sourceSha256.equals(sha256) && tokenizer.equals(tokenizerName) && vocabSize == vocabularySize;
    }
}
