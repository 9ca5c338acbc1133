package org.lmlab.layers.feedforward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.lmlab.layers.core.NamedBlock;

/** A position-wise feed-forward network: width -> hidden -> width. */
public abstract class FeedForward extends NamedBlock {

    /** Applies the network to every position of {@code x} [..., width]. */
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
