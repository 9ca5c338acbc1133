package org.lmlab.layers.position;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.lmlab.layers.core.NamedBlock;

/**
 * A positional scheme acts at one of three places, and is the identity at the others:
 * absolute schemes add a vector to each token embedding ({@link #embed}), RoPE rotates
 * queries and keys ({@link #rotate}), ALiBi biases attention scores ({@link #attentionBias}).
 * Positions start at {@code offset}, which is non-zero when a KV cache holds earlier tokens; the
 * {@link TokenPositions} forms give every row of a batch its own positions instead.
 */
public abstract class PositionalScheme extends NamedBlock {

    private final int maxPositions;

    protected PositionalScheme(int maxPositions) {
        this.maxPositions = maxPositions;
    }

    /** Token embeddings [B, T, width] with position information for positions offset..offset+T-1. */
    public NDArray embed(NDArray tokens, int offset) {
        return tokens;
    }

    /** Queries or keys [B, heads, T, headDim] at positions offset..offset+T-1, rotated where the scheme rotates. */
    public NDArray rotate(NDArray queriesOrKeys, int offset) {
        return queriesOrKeys;
    }

    /**
     * An additive bias [1, heads, queries, keys] on attention scores, for queries at
     * offset..offset+queries-1 over keys at 0..keys-1, or null where the scheme adds none.
     */
    public NDArray attentionBias(NDManager manager, int queries, int keys, int offset) {
        return null;
    }

    /**
     * As {@link #embed(NDArray, int)}, with each row at its own positions ({@code at.queries()} [B, T]):
     * rows of a batch being decoded together sit at different places in their sequences.
     */
    public NDArray embed(NDArray tokens, TokenPositions at) {
        return tokens;
    }

    /** As {@link #rotate(NDArray, int)}, with each row at its own positions ({@code at.queries()} [B, T]). */
    public NDArray rotate(NDArray queriesOrKeys, TokenPositions at) {
        return queriesOrKeys;
    }

    /**
     * As {@link #attentionBias(NDManager, int, int, int)}, for queries at {@code at.queries()} [B, T]
     * over keys at {@code at.keys()} [B, S]: [B, heads, T, S], or null.
     */
    public NDArray attentionBias(NDManager manager, TokenPositions at) {
        return null;
    }

    /** The longest sequence the scheme accepts. */
    public final int maxPositions() {
        return maxPositions;
    }

    /** Fails clearly when positions offset..offset+length-1 do not fit. */
    protected final void checkFits(int length, int offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("positions: offset " + offset + " is not a position; rows at their own"
                    + " positions (TokenPositions) need the TokenPositions methods, e.g. AttentionInputs.rotate");
        }
        if (offset + length > maxPositions) {
            throw new IllegalArgumentException("sequence of " + (offset + length) + " positions exceeds the model's "
                    + maxPositions + " (context_length)");
        }
    }

    @Override
    protected final NDList forward(NDList inputs, boolean training) {
        return new NDList(embed(inputs.singletonOrThrow(), 0));
    }

    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
