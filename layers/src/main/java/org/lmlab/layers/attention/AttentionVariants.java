package org.lmlab.layers.attention;

import org.lmlab.layers.core.BuildContext;

/**
 * The four registered attention variants. They share one implementation,
 * {@link SelfAttention}; each factory enforces what its name promises.
 */
public final class AttentionVariants {

    private AttentionVariants() {
    }

    /** Every query head has its own key/value head. */
    public static SelfAttention multiHead(AttentionConfig config, BuildContext context) {
        require(config.kvHeads() == config.heads(), "attention.kv_heads: multi-head needs kv_heads == heads ("
                + config.heads() + "), got " + config.kvHeads() + "; use grouped-query");
        requireNoWindow(config);
        return new SelfAttention(config, context);
    }

    /** Groups of query heads share a key/value head (kv_heads divides heads). */
    public static SelfAttention groupedQuery(AttentionConfig config, BuildContext context) {
        requireNoWindow(config);
        return new SelfAttention(config, context);
    }

    /** All query heads share one key/value head. */
    public static SelfAttention multiQuery(AttentionConfig config, BuildContext context) {
        require(config.kvHeads() == 1, "attention.kv_heads: multi-query needs kv_heads 1, got " + config.kvHeads());
        requireNoWindow(config);
        return new SelfAttention(config, context);
    }

    /** Each token sees only the {@code window} nearest positions (itself included). */
    public static SelfAttention slidingWindow(AttentionConfig config, BuildContext context) {
        require(config.window() > 0, "attention.window: sliding-window needs a positive window, got " + config.window());
        return new SelfAttention(config, context);
    }

    private static void requireNoWindow(AttentionConfig config) {
        require(config.window() == 0, "attention.window: " + config.type() + " takes no window (got "
                + config.window() + "); use sliding-window");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
