package org.lmlab.layers.attention;

/** {@code multi-head}: every query head has its own key/value head (GPT-2, BERT). */
public record MultiHeadAttentionConfig(String type, int heads, boolean qkvBias, boolean outputBias, float dropout)
        implements AttentionConfig {

    /** The registered name. */
    public static final String NAME = "multi-head";

    public MultiHeadAttentionConfig {
        AttentionConfig.checkShared(type, heads, dropout);
    }
}
