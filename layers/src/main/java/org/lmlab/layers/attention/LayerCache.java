package org.lmlab.layers.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * The keys and values one attention layer has seen so far ([B, kvHeads, S, headDim] each,
 * keys already rotated for RoPE), so incremental decoding attends to the past without
 * recomputing it. The arrays live in the cache's own manager, across decoding steps.
 */
public final class LayerCache {

    private final NDManager manager;
    private NDArray keys;
    private NDArray values;

    LayerCache(NDManager manager) {
        this.manager = manager;
    }

    /**
     * Appends this step's keys and values ([B, kvHeads, T, headDim]) and returns all of them,
     * cached past first, as {@code [keys, values]}; an attention variant calls this once per
     * forward with its new keys and values.
     */
    public NDArray[] append(NDArray newKeys, NDArray newValues) {
        NDArray allKeys = keys == null ? newKeys.duplicate() : keys.concat(newKeys, 2);
        NDArray allValues = values == null ? newValues.duplicate() : values.concat(newValues, 2);
        allKeys.attach(manager);
        allValues.attach(manager);
        if (keys != null) {
            keys.close();
            values.close();
        }
        keys = allKeys;
        values = allValues;
        return new NDArray[] {keys, values};
    }

    /**
     * Keeps only the cached rows {@code rows} (int64 indices into the batch, in their new order),
     * so sequences that finished decoding stop costing work.
     */
    void keepRows(NDArray rows) {
        if (keys == null) {
            return;
        }
        NDArray keptKeys = keys.get(new NDIndex("{}", rows));
        NDArray keptValues = values.get(new NDIndex("{}", rows));
        keptKeys.attach(manager);
        keptValues.attach(manager);
        keys.close();
        values.close();
        keys = keptKeys;
        values = keptValues;
    }

    /** Number of rows cached (0 when empty). */
    public int rows() {
        return keys == null ? 0 : (int) keys.getShape().get(0);
    }

    /** Forgets everything cached. */
    void clear() {
        if (keys != null) {
            keys.close();
            values.close();
        }
        keys = null;
        values = null;
    }

    /** Number of positions cached. */
    public int length() {
        return keys == null ? 0 : (int) keys.getShape().get(2);
    }
}
