package org.lmlab.models.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.lmlab.layers.core.BuildContext;
import org.lmlab.layers.core.Dense;
import org.lmlab.layers.core.NamedBlock;

/** BERT's pooler: {@code tanh(dense(summary))}, the sequence vector its classifiers read. */
public final class Pooler extends NamedBlock {

    private final Dense dense;

    public Pooler(BuildContext context) {
        this.dense = child("dense", new Dense(context.width(), context.width(), true, context, false));
    }

    /** Pools summary vectors [B, width]. */
    public NDArray apply(NDArray summary) {
        return dense.apply(summary).tanh();
    }

    @Override
    protected NDList forward(NDList inputs, boolean training) {
        return new NDList(apply(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
