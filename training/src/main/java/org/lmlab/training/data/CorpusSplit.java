package org.lmlab.training.data;

/**
 * Splits a token stream into a training part and a validation part by fraction, as the book
 * splits its text 90/10: the first {@code floor(n * (1 - validationFraction))} tokens train, the
 * rest validate, and each part is cut into sliding windows on its own, so no window straddles
 * the boundary.
 */
public final class CorpusSplit {

    private CorpusSplit() {
    }

    /** Training and validation windows of {@code tokens}. */
    public static TrainingData split(TokenSequence tokens, WindowShape shape, double validationFraction) {
        int boundary = boundary(tokens.length(), validationFraction);
        return new TrainingData(
                new SlidingWindows(tokens, 0, boundary, shape),
                new SlidingWindows(tokens, boundary, tokens.length(), shape));
    }

    /** Index of the first validation token. */
    public static int boundary(int length, double validationFraction) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction: must be in [0, 1), got " + validationFraction);
        }
        return (int) Math.floor(length * (1.0 - validationFraction));
    }
}
