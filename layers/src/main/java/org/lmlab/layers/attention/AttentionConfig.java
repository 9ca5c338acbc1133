package org.lmlab.layers.attention;

/**
 * Self-attention: {@code type} names the variant ({@code multi-head}, {@code grouped-query},
 * {@code multi-query}, {@code sliding-window}); {@code heads} query heads share
 * {@code kvHeads} key/value heads; {@code window} limits how far back (and, in an encoder,
 * ahead) a token may look, 0 meaning unlimited; {@code qkvBias} and {@code outputBias} add
 * biases to the projections; {@code dropout} applies to the attention weights in training.
 * Each variant's factory checks the combination it accepts.
 */
public record AttentionConfig(String type, int heads, int kvHeads, int window, boolean qkvBias, boolean outputBias, float dropout) {

    public AttentionConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("attention.type: required");
        }
        if (heads < 1) {
            throw new IllegalArgumentException("attention.heads: must be positive, got " + heads);
        }
        if (kvHeads < 1 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("attention.kv_heads: must divide heads (" + heads + "), got " + kvHeads);
        }
        if (window < 0) {
            throw new IllegalArgumentException("attention.window: must be 0 (unlimited) or positive, got " + window);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("attention.dropout: must be in [0, 1), got " + dropout);
        }
    }

    /** Standard multi-head attention with one key/value head per query head. */
    public static AttentionConfig multiHead(int heads, boolean qkvBias, float dropout) {
        return new AttentionConfig("multi-head", heads, heads, 0, qkvBias, true, dropout);
    }
}
