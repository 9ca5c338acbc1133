package org.lmlab.layers.core;

/**
 * What every layer factory needs besides its own config: the model width, the depth of the
 * stack (for GPT-2's scaled residual init), the init scheme, and the index of the block being
 * built ({@code layer}, 0 to depth-1; {@link #OUTSIDE_BLOCKS} for embeddings, heads and
 * poolers), so a variant can vary by depth (a window on every other layer, say).
 */
public record BuildContext(int width, int depth, InitConfig init, int layer) {

    /** The layer index of parts that belong to no block. */
    public static final int OUTSIDE_BLOCKS = -1;

    public BuildContext {
        if (width < 1) {
            throw new IllegalArgumentException("width: must be positive, got " + width);
        }
        if (depth < 1) {
            throw new IllegalArgumentException("layers: must be positive, got " + depth);
        }
        if (init == null) {
            throw new IllegalArgumentException("init: required");
        }
        if (layer < OUTSIDE_BLOCKS || layer >= depth) {
            throw new IllegalArgumentException("layer: must be in [0, " + depth + ") or " + OUTSIDE_BLOCKS + ", got " + layer);
        }
    }

    /** The context of parts outside the blocks. */
    public BuildContext(int width, int depth, InitConfig init) {
        this(width, depth, init, OUTSIDE_BLOCKS);
    }

    /** The same context for block {@code index}. */
    public BuildContext forLayer(int index) {
        return new BuildContext(width, depth, init, index);
    }

}
