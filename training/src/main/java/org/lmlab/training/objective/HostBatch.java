package org.lmlab.training.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Objects;
import org.lmlab.models.ModelInput;

/**
 * A batch as an objective prepares it, still in Java arrays: model inputs [rows, length],
 * optional padding mask (1 real, 0 padding; null when every row is full), and labels of any
 * shape with {@value #IGNORE} where nothing is predicted. Keeping it on the host makes the
 * objectives testable without the engine and lets the trainer count targets before the
 * forward pass.
 */
public record HostBatch(int rows, int length, long[] tokens, float[] padding, long[] labels, long[] labelShape) {

    /** The label of a position that is not predicted (PyTorch's ignore_index). */
    public static final int IGNORE = -100;

    public HostBatch {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(labelShape, "labelShape");
        if (rows < 1 || length < 1 || tokens.length != (long) rows * length) {
            throw new IllegalArgumentException("tokens: expected " + rows + " x " + length + " ids, got " + tokens.length);
        }
        if (padding != null && padding.length != tokens.length) {
            throw new IllegalArgumentException("padding: expected " + tokens.length + " values, got " + padding.length);
        }
        if (Arrays.stream(labelShape).reduce(1, Math::multiplyExact) != labels.length) {
            throw new IllegalArgumentException("labels: shape " + Arrays.toString(labelShape) + " but " + labels.length + " values");
        }
    }

    /** Number of labels that are predicted (not {@value #IGNORE}). */
    public long targetCount() {
        return Arrays.stream(labels).filter(label -> label != IGNORE).count();
    }

    /** Number of real (non-padding) input tokens. */
    public long inputTokenCount() {
        if (padding == null) {
            return tokens.length;
        }
        long count = 0;
        for (float p : padding) {
            count += p > 0 ? 1 : 0;
        }
        return count;
    }

    /**
     * The batch as tensors in {@code manager}: ignored labels become target 0 with weight 0, so
     * a loss can gather at every position and multiply by the weights.
     */
    public DeviceBatch toDevice(NDManager manager) {
        NDArray tokenArray = manager.create(tokens, new Shape(rows, length));
        NDArray paddingArray = padding == null ? null : manager.create(padding, new Shape(rows, length));
        long[] targets = new long[labels.length];
        float[] weights = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            boolean predicted = labels[i] != IGNORE;
            targets[i] = predicted ? labels[i] : 0;
            weights[i] = predicted ? 1f : 0f;
        }
        Shape shape = new Shape(labelShape);
        return new DeviceBatch(new ModelInput(tokenArray, paddingArray, null),
                manager.create(targets, shape), manager.create(weights, shape), targetCount());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostBatch that && rows == that.rows && length == that.length
                && Arrays.equals(tokens, that.tokens) && Arrays.equals(padding, that.padding)
                && Arrays.equals(labels, that.labels) && Arrays.equals(labelShape, that.labelShape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, length, Arrays.hashCode(tokens), Arrays.hashCode(padding), Arrays.hashCode(labels));
    }

    @Override
    public String toString() {
        return "HostBatch[" + rows + " x " + length + ", " + targetCount() + " targets]";
    }
}
