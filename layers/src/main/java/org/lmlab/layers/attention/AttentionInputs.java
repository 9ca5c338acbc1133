package org.lmlab.layers.attention;

import ai.djl.ndarray.NDArray;
import org.lmlab.layers.position.PositionalScheme;

/**
 * What a self-attention layer needs besides the hidden states: the additive score bias
 * (masks and ALiBi, [B or 1, 1 or heads, T, S], or null), the positional scheme (for RoPE),
 * the position of the first query ({@code offset}, non-zero with a KV cache), this layer's
 * cache (or null) and whether dropout is on.
 */
public record AttentionInputs(NDArray bias, PositionalScheme positions, int offset, LayerCache cache, boolean training) {
}
