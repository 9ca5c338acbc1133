package org.lmlab.layers.position;

/**
 * How a model knows where a token is: {@code type} names the scheme ({@code learned},
 * {@code sinusoidal}, {@code rope}, {@code alibi}), {@code maxPositions} bounds the
 * sequence length (the size of a learned table), {@code ropeBase} is RoPE's frequency base
 * (10000 in most models; ignored by the others).
 */
public record PositionalConfig(String type, int maxPositions, float ropeBase) {

    public PositionalConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("positions.type: required");
        }
        if (maxPositions < 1) {
            throw new IllegalArgumentException("positions.max_positions: must be positive, got " + maxPositions);
        }
        if (!(ropeBase > 1) || !Float.isFinite(ropeBase)) {
            throw new IllegalArgumentException("positions.rope_base: must be greater than 1, got " + ropeBase);
        }
    }

    /** Learned absolute positions (GPT-2, BERT). */
    public static PositionalConfig learned(int maxPositions) {
        return new PositionalConfig("learned", maxPositions, 10000f);
    }
}
