package org.lmlab.models.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.initializer.Initializer;
import org.lmlab.layers.core.NamedBlock;

/** A table of one learned vector per id; looking up [B, T] ids gives [B, T, width]. */
public final class EmbeddingTable extends NamedBlock {

    private final int size;
    private final int width;
    private final Parameter weight;

    public EmbeddingTable(int size, int width, Initializer initializer) {
        this.size = size;
        this.width = width;
        this.weight = parameter("weight", new Shape(size, width), initializer);
    }

    /** The vectors of these ids. */
    public NDArray lookup(NDArray ids) {
        NDArray indices = ids.getDataType() == DataType.INT64 ? ids : ids.toType(DataType.INT64, false);
        return Embedding.embedding(indices, weight.getArray(), SparseFormat.DENSE).singletonOrThrow();
    }

    /** The table itself [size, width]; a tied output head multiplies by its transpose. */
    public NDArray weight() {
        return weight.getArray();
    }

    /** Length of each vector. */
    public int width() {
        return width;
    }

    /** Number of ids. */
    public int size() {
        return size;
    }

    @Override
    protected NDList forward(NDList inputs, boolean training) {
        return new NDList(lookup(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(width)};
    }
}
