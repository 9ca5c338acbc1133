package org.lmlab.training.data;

/**
 * How a running corpus is cut into examples: windows of {@code length} tokens starting every
 * {@code stride} tokens (the book's {@code max_length} and {@code stride}; windows overlap when
 * the stride is shorter than the length).
 */
public record WindowShape(int length, int stride) {

    public WindowShape {
        if (length < 2) {
            throw new IllegalArgumentException("window length: must be at least 2 tokens, got " + length);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride: must be positive, got " + stride);
        }
    }

    /**
     * Windows of {@code exampleTokens} that share at most one token: a stride of the model's
     * context, or of the window when that is shorter (the book's windows for next-token
     * prediction overlap by the one token the last target and the next input share).
     */
    public static WindowShape adjacent(int exampleTokens, int context) {
        return new WindowShape(exampleTokens, Math.min(exampleTokens, context));
    }
}
