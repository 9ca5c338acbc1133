package org.lmlab.layers.attention;

/** {@code multi-query}: all query heads share one key/value head (PaLM, Falcon). */
public record MultiQueryAttentionConfig(String type, int heads, boolean qkvBias, boolean outputBias, float dropout)
        implements AttentionConfig {

    /** The registered name. */
    public static final String NAME = "multi-query";

    public MultiQueryAttentionConfig {
        AttentionConfig.checkShared(type, heads, dropout);
    }

    @Override
    public int kvHeads() {
        return 1;
    }
}
