package org.lmlab.layers.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/** One {@link LayerCache} per attention layer of a stack, for one batch of sequences being decoded. */
public final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final List<LayerCache> layers;

    public KvCache(NDManager parent, int layerCount) {
        this.manager = parent.newSubManager();
        this.layers = new ArrayList<>(layerCount);
        for (int i = 0; i < layerCount; i++) {
            layers.add(new LayerCache(manager));
        }
    }

    /** The cache of layer {@code index}. */
    public LayerCache layer(int index) {
        return layers.get(index);
    }

    /** Number of positions cached (the offset of the next token). */
    public int length() {
        return layers.get(0).length();
    }

    /**
     * Keeps only the rows {@code rows} of the batch, in that order (indices into the current
     * batch), in every layer: the rest are dropped and their memory freed.
     */
    public void keepRows(int[] rows) {
        long[] indices = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            indices[i] = rows[i];
        }
        try (NDManager scratch = manager.newSubManager()) {
            NDArray index = scratch.create(indices);
            layers.forEach(layer -> layer.keepRows(index));
        }
    }

    /** Forgets everything cached, so the next forward starts at position 0. */
    public void clear() {
        layers.forEach(LayerCache::clear);
    }

    @Override
    public void close() {
        manager.close();
    }
}
