package org.lmlab.layers.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/** A block that maps one tensor to one tensor of the same shape (norms, feed-forward networks). */
public abstract class UnaryBlock extends NamedBlock {

    /** Applies the block to {@code x}. */
    public abstract NDArray apply(NDArray x);

    @Override
    protected final NDList forward(NDList inputs, boolean training) {
        return new NDList(apply(inputs.singletonOrThrow()));
    }

    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
