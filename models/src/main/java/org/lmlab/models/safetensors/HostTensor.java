package org.lmlab.models.safetensors;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named float tensor in Java memory, row-major: what the writer takes and
 * {@link SafetensorsFile#tensor} returns. The shape is copied in and out; the data array is
 * <em>not</em> copied (weights can be hundreds of megabytes), so the record owns the array it
 * is given: callers must not change it afterwards, and must treat {@link #data()} as read-only.
 *
 * @param name  the tensor's name, non-empty
 * @param shape its dimensions, each non-negative; empty for a scalar
 * @param data  its elements, exactly as many as the shape's product
 */
public record HostTensor(String name, long[] shape, float[] data) {

    /** Validates the name and that the data length matches the shape. */
    public HostTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("tensor name must not be empty");
        }
        shape = shape.clone();
        long count = 1;
        for (int axis = 0; axis < shape.length; axis++) {
            if (shape[axis] < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                        + " has a negative dimension at axis " + axis);
            }
            count = multiplyOrMax(count, shape[axis]);
        }
        if (count != data.length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                    + " needs " + (count == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : count)
                    + " elements but data has " + data.length);
        }
    }

    /** The dimensions (a copy). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The elements, row-major; the record's own array, not a copy: do not modify it. */
    @Override
    public float[] data() {
        return data;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostTensor that
                && name.equals(that.name) && Arrays.equals(shape, that.shape) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "HostTensor[" + name + " " + Arrays.toString(shape) + "]";
    }

    private static long multiplyOrMax(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }
}
