package org.lmlab.layers.attention;

import ai.djl.ndarray.NDArray;
import org.lmlab.layers.position.PositionalScheme;
import org.lmlab.layers.position.TokenPositions;

/**
 * What a self-attention layer needs besides the hidden states: the additive score bias
 * (masks and ALiBi, [B or 1, 1 or heads, T, S], or null), the positional scheme (for RoPE),
 * the position of the first query ({@code offset}, non-zero with a KV cache), this layer's
 * cache (or null) and whether dropout is on. When the rows of a batch sit at different positions
 * (batched decoding), {@code rows} holds each row's positions and {@code offset} is -1; a variant
 * rotates queries and keys through {@link #rotate}, which serves both cases.
 */
public record AttentionInputs(NDArray bias, PositionalScheme positions, int offset, TokenPositions rows, LayerCache cache,
        boolean training) {

    /** Inputs for a batch whose rows all start at {@code offset}. */
    public AttentionInputs(NDArray bias, PositionalScheme positions, int offset, LayerCache cache, boolean training) {
        this(bias, positions, offset, null, cache, training);
    }

    /** Queries or keys [B, heads, T, headDim] rotated for their positions (the identity unless the scheme rotates). */
    public NDArray rotate(NDArray queriesOrKeys) {
        return rows == null ? positions.rotate(queriesOrKeys, offset) : positions.rotate(queriesOrKeys, rows);
    }
}
