package org.lmlab.layers.norm;

/**
 * A normalisation layer: {@code type} names it in the registry ({@code layer-norm},
 * {@code rms-norm}), {@code eps} guards the division (GPT-2 1e-5, BERT 1e-12).
 */
public record NormConfig(String type, float eps) {

    /** GPT-2's LayerNorm. */
    public static final NormConfig GPT2 = new NormConfig("layer-norm", 1e-5f);

    /** BERT's LayerNorm. */
    public static final NormConfig BERT = new NormConfig("layer-norm", 1e-12f);

    public NormConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("norm.type: required");
        }
        if (!(eps > 0) || !Float.isFinite(eps)) {
            throw new IllegalArgumentException("norm.eps: must be a small positive number, got " + eps);
        }
    }
}
