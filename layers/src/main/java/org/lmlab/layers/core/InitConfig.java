package org.lmlab.layers.core;

/**
 * How weights start: matrices and embeddings from a normal distribution with {@code std};
 * with {@code scaledResidual}, the projections that write into the residual stream use
 * {@code std / sqrt(2 * layers)} as in GPT-2, so the stream's variance does not grow with depth.
 */
public record InitConfig(float std, boolean scaledResidual) {

    /** GPT-2's scheme. */
    public static final InitConfig GPT2 = new InitConfig(0.02f, true);

    /** BERT's scheme. */
    public static final InitConfig BERT = new InitConfig(0.02f, false);

    public InitConfig {
        if (!(std > 0) || !Float.isFinite(std)) {
            throw new IllegalArgumentException("init.std: must be a positive number, got " + std);
        }
    }

    /** Standard deviation for a projection into the residual stream of a stack of this depth. */
    public float residualStd(int layers) {
        return scaledResidual ? (float) (std / Math.sqrt(2.0 * layers)) : std;
    }
}
