package org.lmlab.layers.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * Copies Java values into an existing tensor in place, so a parameter keeps its identity (the
 * optimizer and tied heads hold it) and owns its memory. DJL's {@code NDArray.set(float[])}
 * instead re-points the tensor at a Java buffer and makes PyTorch print a deprecation warning.
 */
public final class HostCopy {

    private static final NDIndex ALL = new NDIndex("...");

    private HostCopy() {
    }

    /** Overwrites {@code target} with {@code values} (row-major, as many as the target has). */
    public static void into(NDArray target, float[] values) {
        if (values.length != target.size()) {
            throw new IllegalArgumentException("cannot copy " + values.length + " values into a tensor of shape "
                    + target.getShape());
        }
        try (NDManager scratch = target.getManager().newSubManager()) {
            target.set(ALL, scratch.create(values, target.getShape()));
        }
    }
}
