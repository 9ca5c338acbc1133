package org.lmlab.layers.attention;

/** {@code grouped-query}: groups of {@code heads / kv_heads} query heads share a key/value head (Llama 2 70B, Mistral). */
public record GroupedQueryAttentionConfig(String type, int heads, int kvHeads, boolean qkvBias, boolean outputBias, float dropout)
        implements AttentionConfig {

    /** The registered name. */
    public static final String NAME = "grouped-query";

    public GroupedQueryAttentionConfig {
        AttentionConfig.checkShared(type, heads, dropout);
        AttentionConfig.checkKvHeads(heads, kvHeads);
    }
}
