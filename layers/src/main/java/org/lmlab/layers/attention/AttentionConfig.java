package org.lmlab.layers.attention;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.lmlab.layers.config.ComponentConfig;

/**
 * The config of a self-attention variant: {@code type} is its registered name and selects its
 * own record ({@link MultiHeadAttentionConfig}, {@link GroupedQueryAttentionConfig},
 * {@link MultiQueryAttentionConfig}, {@link SlidingWindowAttentionConfig}, or a plugin's), so
 * a variant's knobs live in its own record and never change how the others are read. The
 * knobs every variant has are {@code heads}, the biases of the projections and the dropout on
 * the attention weights; a variant that shares key/value heads or limits how far a token
 * looks says so through {@link #kvHeads} and {@link #window}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
public interface AttentionConfig extends ComponentConfig {

    /** Query heads. */
    int heads();

    /** Key/value heads; the default is one per query head. */
    default int kvHeads() {
        return heads();
    }

    /** How far a token may look (and, in an encoder, ahead); 0 is unlimited. */
    default int window() {
        return 0;
    }

    /** Biases on the query/key/value projection. */
    boolean qkvBias();

    /** A bias on the output projection. */
    boolean outputBias();

    /** Dropout on the attention weights in training. */
    float dropout();

    /** Standard multi-head attention with one key/value head per query head and an output bias. */
    static AttentionConfig multiHead(int heads, boolean qkvBias, float dropout) {
        return new MultiHeadAttentionConfig(MultiHeadAttentionConfig.NAME, heads, qkvBias, true, dropout);
    }

    /**
     * The built-in variant of this name with these knobs, refusing knobs the variant does not
     * take (a window on multi-head, say); used by code and by upgrades of format-1 files, which
     * stored every knob on every variant.
     */
    static AttentionConfig of(String type, int heads, int kvHeads, int window, boolean qkvBias, boolean outputBias, float dropout) {
        switch (type) {
            case MultiHeadAttentionConfig.NAME -> {
                requireDefault(type, "kv_heads", kvHeads, heads, "grouped-query");
                requireDefault(type, "window", window, 0, "sliding-window");
                return new MultiHeadAttentionConfig(type, heads, qkvBias, outputBias, dropout);
            }
            case GroupedQueryAttentionConfig.NAME -> {
                requireDefault(type, "window", window, 0, "sliding-window");
                return new GroupedQueryAttentionConfig(type, heads, kvHeads, qkvBias, outputBias, dropout);
            }
            case MultiQueryAttentionConfig.NAME -> {
                requireDefault(type, "kv_heads", kvHeads, 1, "grouped-query");
                requireDefault(type, "window", window, 0, "sliding-window");
                return new MultiQueryAttentionConfig(type, heads, qkvBias, outputBias, dropout);
            }
            case SlidingWindowAttentionConfig.NAME -> {
                return new SlidingWindowAttentionConfig(type, heads, kvHeads, window, qkvBias, outputBias, dropout);
            }
            default -> throw new IllegalArgumentException("attention.type: '" + type + "' is not a built-in variant");
        }
    }

    private static void requireDefault(String type, String knob, int value, int expected, String instead) {
        if (value != expected) {
            throw new IllegalArgumentException("attention." + knob + ": " + type + " takes no " + knob + " other than "
                    + expected + " (got " + value + "); use " + instead);
        }
    }

    /** Checks the knobs every variant shares. */
    static void checkShared(String type, int heads, float dropout) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("attention.type: required");
        }
        if (heads < 1) {
            throw new IllegalArgumentException("attention.heads: must be positive, got " + heads);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("attention.dropout: must be in [0, 1), got " + dropout);
        }
    }

    /** Checks that key/value heads divide the query heads. */
    static void checkKvHeads(int heads, int kvHeads) {
        if (kvHeads < 1 || heads % kvHeads != 0) {
            throw new IllegalArgumentException("attention.kv_heads: must divide heads (" + heads + "), got " + kvHeads);
        }
    }
}
