package org.lmlab.layers.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.lmlab.layers.core.NamedBlock;

/**
 * A self-attention layer of any variant: it maps hidden states [B, T, width] to [B, T, width]
 * given the stack's score bias, positional scheme and this layer's KV cache
 * ({@link AttentionInputs}). Variants, lmlab's or a plugin's, extend this class and are
 * registered with {@link AttentionTypes#register}; blocks and stacks see only this type.
 */
public abstract class Attention extends NamedBlock {

    /** Attends over {@code x} [B, T, width] (plus the cached past) and returns [B, T, width]. */
    public abstract NDArray forward(NDArray x, AttentionInputs in);

    /** How far a token may look, 0 for unlimited; the stack builds its mask from it. */
    public int window() {
        return 0;
    }

    @Override
    protected final NDList forward(NDList inputs, boolean training) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " needs AttentionInputs: call forward(NDArray, AttentionInputs)");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
