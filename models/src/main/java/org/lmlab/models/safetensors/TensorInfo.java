package org.lmlab.models.safetensors;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a safetensors header says about one tensor: its name, element type, shape and the byte
 * range {@code [dataBegin, dataEnd)} of its data, relative to the start of the data section.
 * Instances are only made from validated headers, so the range always matches the shape.
 *
 * @param name      the tensor's name in the file
 * @param dtype     its element type
 * @param shape     its dimensions, row-major; empty for a scalar (a copy is kept and returned)
 * @param dataBegin first byte of its data, relative to the data section
 * @param dataEnd   one past its last byte, relative to the data section
 */
public record TensorInfo(String name, Dtype dtype, long[] shape, long dataBegin, long dataEnd) {

    /** Copies the shape so the record stays immutable. */
    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
    }

    /** The dimensions (a copy). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements: the product of the dimensions (1 for a scalar). */
    public long elementCount() {
        long count = 1;
        for (long dimension : shape) {
            count *= dimension;
        }
        return count;
    }

    /** Number of data bytes, {@code dataEnd - dataBegin}. */
    public long byteLength() {
        return dataEnd - dataBegin;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorInfo that
                && name.equals(that.name) && dtype == that.dtype && Arrays.equals(shape, that.shape)
                && dataBegin == that.dataBegin && dataEnd == that.dataEnd;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), dataBegin, dataEnd);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " @[" + dataBegin + ", " + dataEnd + ")";
    }
}
