package org.lmlab.training.data;

/**
 * The book's sliding-window dataset ({@code GPTDatasetV1}) over a range of a token sequence:
 * window {@code i} is tokens {@code [from + i*stride, from + i*stride + length)}, for every
 * window that fits entirely. A range shorter than one window (a small validation split) gives
 * one shorter example covering it, if it has at least two tokens, so it is not silently empty;
 * batching pads it.
 */
public final class SlidingWindows implements ExampleSet {

    private final TokenSequence tokens;
    private final int from;
    private final int to;
    private final WindowShape shape;
    private final int count;

    /** Windows over tokens {@code from} (inclusive) to {@code to} (exclusive). */
    public SlidingWindows(TokenSequence tokens, int from, int to, WindowShape shape) {
        if (from < 0 || to > tokens.length() || from > to) {
            throw new IllegalArgumentException("range " + from + ".." + to + " is outside the " + tokens.length() + " tokens");
        }
        this.tokens = tokens;
        this.from = from;
        this.to = to;
        this.shape = shape;
        int span = to - from;
        if (span >= shape.length()) {
            this.count = (span - shape.length()) / shape.stride() + 1;
        } else {
            this.count = span >= 2 ? 1 : 0;
        }
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public Example get(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("window " + index + " of " + count);
        }
        int start = from + index * shape.stride();
        return Example.of(tokens.slice(start, Math.min(start + shape.length(), to)));
    }

    public WindowShape shape() {
        return shape;
    }
}
