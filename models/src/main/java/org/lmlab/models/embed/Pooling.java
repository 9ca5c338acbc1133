package org.lmlab.models.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Locale;

/**
 * One vector per sequence from hidden states [B, T, W], over the real tokens only: the padding
 * mask [B, T] (1 for a real token, 0 for padding; null when nothing is padded) decides which
 * positions count, wherever the padding sits. Every row needs at least one real token.
 * Arithmetic by constants goes through arrays, never {@code mul(Number)} (see
 * {@code org.lmlab.layers.core.Scalars}), so pooling is safe under autograd too.
 */
public enum Pooling {

    /** The mean of the real tokens' hidden states (framing tokens such as [CLS] and [SEP] included). */
    MEAN {
        @Override
        NDArray poolChecked(NDArray hidden, NDArray mask) {
            NDArray weights = mask.expandDims(2);
            return hidden.mul(weights).sum(new int[] {1}).div(weights.sum(new int[] {1}));
        }
    },

    /** The first real token's hidden state ([CLS] in BERT; the pooler is not applied). */
    CLS {
        @Override
        NDArray poolChecked(NDArray hidden, NDArray mask) {
            long length = hidden.getShape().get(1);
            NDArray positions = positions(hidden.getManager(), length);
            // Padding positions score `length`, so the smallest score is the first real position.
            NDArray notReal = mask.neg().add(1);
            NDArray scores = positions.mul(mask).add(notReal.mul(hidden.getManager().create((float) length)));
            return at(hidden, scores.min(new int[] {1}));
        }
    },

    /** The last real token's hidden state (the only position a decoder computed from the whole text). */
    LAST {
        @Override
        NDArray poolChecked(NDArray hidden, NDArray mask) {
            NDArray positions = positions(hidden.getManager(), hidden.getShape().get(1));
            // Padding positions score 0, below or equal to any real position.
            return at(hidden, positions.mul(mask).max(new int[] {1}));
        }
    };

    /**
     * One vector per row [B, W].
     *
     * @param hidden  hidden states [B, T, W]
     * @param padding [B, T], 1 for real tokens and 0 for padding, or null if every token is real
     * @throws IllegalArgumentException if the shapes disagree or a row has no real token
     */
    public NDArray pool(NDArray hidden, NDArray padding) {
        Shape shape = hidden.getShape();
        if (shape.dimension() != 3) {
            throw new IllegalArgumentException("pooling: hidden states must be [batch, length, width], got " + shape);
        }
        NDArray mask = padding == null
                ? hidden.getManager().ones(new Shape(shape.get(0), shape.get(1)), DataType.FLOAT32)
                : padding.toType(DataType.FLOAT32, false);
        if (!mask.getShape().equals(new Shape(shape.get(0), shape.get(1)))) {
            throw new IllegalArgumentException("pooling: padding must be [batch, length] = [" + shape.get(0) + ", "
                    + shape.get(1) + "], got " + mask.getShape());
        }
        float[] realTokens = mask.sum(new int[] {1}).toFloatArray();
        for (int row = 0; row < realTokens.length; row++) {
            if (!(realTokens[row] > 0)) {
                throw new IllegalArgumentException("pooling: row " + row + " has no real token");
            }
        }
        return poolChecked(hidden, mask);
    }

    abstract NDArray poolChecked(NDArray hidden, NDArray mask);

    /** Each vector (the last axis) divided by its Euclidean norm; a zero vector stays zero. */
    public static NDArray normalize(NDArray vectors) {
        NDManager manager = vectors.getManager();
        NDArray norms = vectors.mul(vectors).sum(new int[] {vectors.getShape().dimension() - 1}, true).sqrt();
        return vectors.div(norms.maximum(manager.create(1e-12f)));
    }

    /** The pooling named {@code mean}, {@code cls} or {@code last} (case-insensitive). */
    public static Pooling parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("pooling: unknown '" + name + "'; known: "
                    + String.join(", ", Arrays.stream(values()).map(Pooling::toString).toList()));
        }
    }

    /** The lower-case name used on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static NDArray positions(NDManager manager, long length) {
        return manager.arange(0f, (float) length, 1f, DataType.FLOAT32).reshape(1, length);
    }

    /** hidden[b, index[b], :] for float indices [B] holding whole numbers. */
    private static NDArray at(NDArray hidden, NDArray index) {
        long batch = hidden.getShape().get(0);
        long width = hidden.getShape().get(2);
        NDArray gather = index.toType(DataType.INT64, false).reshape(batch, 1, 1).broadcast(batch, 1, width);
        return hidden.gather(gather, 1).squeeze(1);
    }
}
