package org.lmlab.models.generate;

/**
 * How to pick each next token: {@code temperature} 0 is greedy (argmax), otherwise logits are
 * divided by it and sampled, keeping only the {@code topK} most likely (0: all) and the
 * smallest set whose probability reaches {@code topP} (1: all); {@code seed} fixes the
 * sampling; generation stops after {@code maxNewTokens} or at {@code stopToken} (-1: none).
 */
public record SamplingConfig(int maxNewTokens, float temperature, int topK, float topP, long seed, int stopToken) {

    public SamplingConfig {
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("max_new_tokens: must not be negative, got " + maxNewTokens);
        }
        if (!(temperature >= 0) || !Float.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature: must be 0 (greedy) or positive, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top_k: must be 0 (off) or positive, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p: must be in (0, 1], got " + topP);
        }
    }

    /** Greedy decoding of this many tokens without a stop token. */
    public static SamplingConfig greedy(int maxNewTokens) {
        return new SamplingConfig(maxNewTokens, 0f, 0, 1f, 0L, -1);
    }

    /** True when every step takes the most likely token. */
    public boolean isGreedy() {
        return temperature == 0f;
    }
}
