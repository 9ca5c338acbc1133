package org.lmlab.layers.core;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;

/** Dropout that costs nothing when it is off (rate 0 or not training). */
public final class Dropouts {

    private Dropouts() {
    }

    /** Zeroes each element with probability {@code rate} and rescales the rest, in training only. */
    public static NDArray apply(NDArray x, float rate, boolean training) {
        if (!training || rate == 0f) {
            return x;
        }
        return Dropout.dropout(x, rate, true).singletonOrThrow();
    }
}
