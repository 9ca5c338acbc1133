package org.lmlab.layers.core;

import ai.djl.ndarray.NDArray;

/**
 * Multiplication and division by a constant that are safe under autograd.
 *
 * <p>DJL 0.36's {@code mul(Number)} and {@code div(Number)} wrap the scalar in Java direct
 * memory and free it at once, but PyTorch keeps it for the backward pass: after a garbage
 * collection the gradient reads freed memory (see docs/architecture.md). Here the scalar is a
 * tensor owned by the same manager as the operand, so it lives until that manager closes,
 * which in training is after {@code backward}.
 */
public final class Scalars {

    private Scalars() {
    }

    /** {@code x * factor}. */
    public static NDArray times(NDArray x, float factor) {
        return x.mul(x.getManager().create(factor));
    }

    /** {@code x / divisor}. */
    public static NDArray dividedBy(NDArray x, float divisor) {
        return x.div(x.getManager().create(divisor));
    }
}
