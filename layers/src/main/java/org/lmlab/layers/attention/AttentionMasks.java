package org.lmlab.layers.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.lmlab.layers.position.TokenPositions;

/**
 * Builds the additive score bias that hides what a query may not see: future keys in a
 * decoder, keys beyond a sliding window, padding keys. Hidden scores get {@value #HIDDEN}
 * rather than -infinity, so a row with nothing visible gives uniform weights instead of NaN;
 * {@code exp} of it underflows to exactly 0 in float32.
 */
public final class AttentionMasks {

    /** The bias of a hidden score. */
    public static final float HIDDEN = -1e9f;

    private AttentionMasks() {
    }

    /**
     * The bias [B or 1, 1, queries, keys] for queries at offset..offset+queries-1 over keys at
     * 0..keys-1, or null if nothing is hidden.
     *
     * @param causal hide keys after the query (decoder)
     * @param window if positive, hide keys at distance {@code window} or more
     * @param padding [B, keys] with 1 for a real token and 0 for padding, or null
     */
    public static NDArray bias(NDManager manager, int queries, int keys, int offset, boolean causal, int window, NDArray padding) {
        NDArray distance = causal || window > 0
                ? manager.arange(offset, offset + queries).expandDims(1).sub(manager.arange(0, keys).expandDims(0)).expandDims(0).expandDims(0)
                : null;
        return bias(distance, causal, window, padding);
    }

    /**
     * As {@link #bias(NDManager, int, int, int, boolean, int, NDArray)}, with every row at its own
     * positions: queries at {@code at.queries()} [B, T] over keys at {@code at.keys()} [B, S]; the
     * bias is [B, 1, T, S], or null if nothing is hidden.
     *
     * @param padding [B, S] with 1 for a real key and 0 for padding, or null
     */
    public static NDArray bias(NDManager manager, TokenPositions at, boolean causal, int window, NDArray padding) {
        NDArray distance = causal || window > 0 ? at.queries().expandDims(2).sub(at.keys().expandDims(1)).expandDims(1) : null;
        return bias(distance, causal, window, padding);
    }

    /**
     * The bias from query-minus-key distances [B or 1, 1, T, S] (null when neither causal nor
     * windowed) and the padding of the keys.
     */
    private static NDArray bias(NDArray distance, boolean causal, int window, NDArray padding) {
        NDArray bias = null;
        if (distance != null) {
            NDArray visible = null;
            if (causal) {
                visible = distance.gte(0);
            }
            if (window > 0) {
                NDArray near = distance.abs().lt(window);
                visible = visible == null ? near : visible.logicalAnd(near);
            }
            bias = hiddenWhereFalse(visible);
        }
        if (padding != null) {
            NDArray paddingBias = hiddenWhereFalse(padding.gt(0)).expandDims(1).expandDims(1);
            bias = bias == null ? paddingBias : bias.add(paddingBias);
        }
        return bias;
    }

    private static NDArray hiddenWhereFalse(NDArray visible) {
        return visible.logicalNot().toType(DataType.FLOAT32, false).mul(visible.getManager().create(HIDDEN));
    }
}
