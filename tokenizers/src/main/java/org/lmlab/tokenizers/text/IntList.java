package org.lmlab.tokenizers.text;

import java.util.Arrays;

/**
 * A growable list of primitive ints. Encoders append thousands of ids per document; boxing
 * each one into an {@code Integer} would cost more than the tokenisation itself.
 */
public final class IntList {

    private int[] values;
    private int size;

    /** An empty list with room for {@code capacity} ids before it grows. */
    public IntList(int capacity) {
        values = new int[Math.max(4, capacity)];
    }

    /** Appends one value. */
    public void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    /** Appends {@code count} values of {@code source} starting at {@code from}. */
    public void addAll(int[] source, int from, int count) {
        if (size + count > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, size + count));
        }
        System.arraycopy(source, from, values, size, count);
        size += count;
    }

    /** Appends every value of {@code source}. */
    public void addAll(int[] source) {
        addAll(source, 0, source.length);
    }

    /** The value at {@code index}. */
    public int get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return values[index];
    }

    /** Number of values. */
    public int size() {
        return size;
    }

    /** Forgets every value, keeping the storage. */
    public void clear() {
        size = 0;
    }

    /** A copy of the values. */
    public int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
