package org.lmlab.layers.position;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import org.lmlab.layers.core.BuildContext;

/** A learned vector per position, added to the token embedding (GPT-2's {@code wpe}, BERT's position embeddings). */
public final class LearnedPositions extends PositionalScheme {

    private final Parameter weight;

    public LearnedPositions(PositionalConfig config, BuildContext context) {
        super(config.maxPositions());
        this.weight = parameter("weight", new Shape(config.maxPositions(), context.width()),
                context.init().embedding());
    }

    @Override
    public NDArray embed(NDArray tokens, int offset) {
        int length = (int) tokens.getShape().get(1);
        checkFits(length, offset);
        // Slice into the activations' manager: a slice owned by the long-lived parameter would never be freed.
        return tokens.add(weight.getArray().get(tokens.getManager(), new NDIndex("{}:{}", offset, offset + length)));
    }

    @Override
    public NDArray embed(NDArray tokens, TokenPositions at) {
        checkFits(1, at.highest());
        return tokens.add(Embedding.embedding(at.queries(), weight.getArray(), SparseFormat.DENSE).singletonOrThrow());
    }
}
