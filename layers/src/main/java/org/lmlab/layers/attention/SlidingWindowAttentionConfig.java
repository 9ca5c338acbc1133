package org.lmlab.layers.attention;

/**
 * {@code sliding-window}: each token sees only the {@code window} nearest positions, itself
 * included (Longformer's local attention, Mistral), with {@code kv_heads} key/value heads.
 */
public record SlidingWindowAttentionConfig(String type, int heads, int kvHeads, int window, boolean qkvBias,
        boolean outputBias, float dropout) implements AttentionConfig {

    /** The registered name. */
    public static final String NAME = "sliding-window";

    public SlidingWindowAttentionConfig {
        AttentionConfig.checkShared(type, heads, dropout);
        AttentionConfig.checkKvHeads(heads, kvHeads);
        if (window < 1) {
            throw new IllegalArgumentException("attention.window: sliding-window needs a positive window, got " + window);
        }
    }
}
