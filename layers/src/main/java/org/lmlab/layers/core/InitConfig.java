package org.lmlab.layers.core;

import ai.djl.training.initializer.Initializer;

/**
 * How weights start: {@code scheme} names an {@link InitScheme} ({@code normal} or
 * {@code pytorch}); embeddings are drawn from N(0, {@code std}), and so are matrices in the
 * normal scheme; with {@code scaledResidual}, projections that write into the residual stream
 * use {@code std / sqrt(2 * layers)} as in GPT-2, so the stream's variance does not grow with
 * depth.
 */
public record InitConfig(String scheme, float std, boolean scaledResidual) {

    /** GPT-2's scheme. */
    public static final InitConfig GPT2 = new InitConfig("normal", 0.02f, true);

    /** BERT's scheme. */
    public static final InitConfig BERT = new InitConfig("normal", 0.02f, false);

    /** PyTorch's module defaults, which the book's code keeps. */
    public static final InitConfig PYTORCH = new InitConfig("pytorch", 1f, false);

    public InitConfig {
        InitScheme.named(scheme);
        if (!(std > 0) || !Float.isFinite(std)) {
            throw new IllegalArgumentException("init.std: must be a positive number, got " + std);
        }
    }

    /** Standard deviation for a projection into the residual stream of a stack of this depth (normal scheme). */
    public float residualStd(int layers) {
        return scaledResidual ? (float) (std / Math.sqrt(2.0 * layers)) : std;
    }

    /** The initializer of a dense layer's weight with this fan-in; residual: it writes into the residual stream. */
    public Initializer weight(int fanIn, int depth, boolean residual) {
        return InitScheme.named(scheme).weight(this, fanIn, depth, residual);
    }

    /** The initializer of a dense layer's bias with this fan-in. */
    public Initializer bias(int fanIn) {
        return InitScheme.named(scheme).bias(this, fanIn);
    }

    /** The initializer of an embedding table. */
    public Initializer embedding() {
        return Init.normal(std);
    }
}
