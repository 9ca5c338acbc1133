package org.lmlab.layers.core;

/**
 * What every layer factory needs besides its own config: the model width, the depth of the
 * stack (for GPT-2's scaled residual init) and the init scheme.
 */
public record BuildContext(int width, int depth, InitConfig init) {

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
    }

}
