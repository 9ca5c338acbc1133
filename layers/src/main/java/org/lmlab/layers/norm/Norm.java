package org.lmlab.layers.norm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.lmlab.layers.core.NamedBlock;

/** A normalisation over the last axis, with a learned scale (and, for LayerNorm, shift). */
public abstract class Norm extends NamedBlock {

    /** Normalises {@code x} over its last axis. */
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
