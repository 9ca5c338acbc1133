package org.lmlab.training.objective;

/**
 * BERT's masking rule: each non-special position is chosen with probability {@code rate}; a
 * chosen position becomes the mask token with probability {@code maskFraction}, a random
 * token with probability {@code randomFraction}, and stays unchanged otherwise. With
 * {@code wholeWord}, a word's pieces are chosen together, a piece continuing a word being one
 * whose text starts with {@code continuationPrefix} (WordPiece's {@code ##}).
 */
public record MaskingConfig(double rate, double maskFraction, double randomFraction, boolean wholeWord, String continuationPrefix) {

    /** BERT's published rule: 15%, of which 80% mask, 10% random, 10% unchanged; per token. */
    public static final MaskingConfig BERT = new MaskingConfig(0.15, 0.8, 0.1, false, "##");

    public MaskingConfig {
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("masking.rate: must be in (0, 1], got " + rate);
        }
        if (!(maskFraction >= 0 && randomFraction >= 0 && maskFraction + randomFraction <= 1)) {
            throw new IllegalArgumentException("masking: mask_fraction and random_fraction must be non-negative and sum to at most 1, got "
                    + maskFraction + " and " + randomFraction);
        }
        if (continuationPrefix == null || continuationPrefix.isEmpty()) {
            throw new IllegalArgumentException("masking.continuation_prefix: required (WordPiece uses ##)");
        }
    }

    /** The same rule with whole-word masking on or off. */
    public MaskingConfig withWholeWord(boolean enabled) {
        return new MaskingConfig(rate, maskFraction, randomFraction, enabled, continuationPrefix);
    }
}
