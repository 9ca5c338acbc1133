package org.lmlab.models.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.lmlab.layers.core.Dropouts;
import org.lmlab.layers.core.NamedBlock;
import org.lmlab.layers.norm.Norm;
import org.lmlab.layers.position.PositionalScheme;
import org.lmlab.layers.position.TokenPositions;

/**
 * The input side of a model: token vectors, plus absolute positions (if the scheme adds
 * them), plus token-type vectors (BERT's segments, if any), then an optional norm (BERT) and
 * dropout.
 */
public final class Embeddings extends NamedBlock {

    private final int width;
    private final EmbeddingTable tokens;
    private final PositionalScheme positions;
    private final EmbeddingTable tokenTypes;
    private final Norm norm;
    private final float dropout;

    /** Either {@code tokenTypes} or {@code norm} may be null when the model has none. */
    public Embeddings(EmbeddingTable tokens, PositionalScheme positions, EmbeddingTable tokenTypes, Norm norm, float dropout) {
        this.width = tokens.width();
        this.tokens = child("tokens", tokens);
        this.positions = child("positions", positions);
        this.tokenTypes = tokenTypes == null ? null : child("token_types", tokenTypes);
        this.norm = norm == null ? null : child("norm", norm);
        this.dropout = dropout;
    }

    /**
     * Embeds ids [B, T] at positions offset..offset+T-1.
     *
     * @param types token types [B, T], or null for all zeros
     */
    public NDArray embed(NDArray ids, NDArray types, int offset, boolean training) {
        NDArray x = positions.embed(tokens.lookup(ids), offset);
        if (tokenTypes != null) {
            x = x.add(types == null ? tokenTypes.weight().get(x.getManager(), new NDIndex(0)) : tokenTypes.lookup(types));
        }
        if (norm != null) {
            x = norm.apply(x);
        }
        return Dropouts.apply(x, dropout, training);
    }

    /**
     * Embeds ids [B, T] with each row at its own positions ({@code at.queries()}), for inference
     * (no dropout): the rows of a batch being decoded together.
     *
     * @param types token types [B, T], or null for all zeros
     */
    public NDArray embed(NDArray ids, NDArray types, TokenPositions at) {
        NDArray x = positions.embed(tokens.lookup(ids), at);
        if (tokenTypes != null) {
            x = x.add(types == null ? tokenTypes.weight().get(x.getManager(), new NDIndex(0)) : tokenTypes.lookup(types));
        }
        return norm == null ? x : norm.apply(x);
    }

    /** The token table (tied output heads share it). */
    public EmbeddingTable tokens() {
        return tokens;
    }

    /** The positional scheme (attention layers need it for RoPE and ALiBi). */
    public PositionalScheme positions() {
        return positions;
    }

    @Override
    protected NDList forward(NDList inputs, boolean training) {
        return new NDList(embed(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, 0, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(width)};
    }
}
