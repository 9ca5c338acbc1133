package org.lmlab.models.hf;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lmlab.layers.attention.AttentionConfig;
import org.lmlab.models.config.ModelConfig;

/**
 * Collects the reasons a model cannot be written as a given Hugging Face architecture. Every
 * check compares one config component exactly (no prefix matches) and names it by its path in
 * lmlab-model.json: {@code block.feed_forward.type is swiglu (needs gelu-tanh or gelu-erf)}.
 */
final class HfRepresentability {

    /** Attention types that compute plain multi-head attention when kv_heads == heads and nothing is windowed. */
    private static final Set<String> SHARED_KEY_VALUE_TYPES = Set.of("grouped-query", "multi-query");

    private HfRepresentability() {
    }

    /** {@code field} must equal {@code required}. */
    static void expect(List<String> problems, String field, Object actual, Object required) {
        if (!Objects.equals(required, actual)) {
            problems.add(field + " is " + actual + " (needs " + required + ")");
        }
    }

    /** {@code field} must be one of {@code allowed}, listed in the message in their given order. */
    static void expectOneOf(List<String> problems, String field, String actual, Collection<String> allowed) {
        if (!allowed.contains(actual)) {
            problems.add(field + " is " + actual + " (needs " + String.join(" or ", allowed) + ")");
        }
    }

    /**
     * Attention Hugging Face GPT-2 and BERT can express: {@code multi-head} with biases on the
     * q/k/v and output projections, or a config that computes exactly that ({@code grouped-query}
     * or {@code multi-query} with one key/value head per query head, {@code sliding-window} with
     * a window no shorter than the context).
     */
    static void expectMultiHeadAttention(List<String> problems, ModelConfig config) {
        AttentionConfig attention = config.block().attention();
        String type = attention.type();
        boolean allKeyValueHeads = attention.kvHeads() == attention.heads();
        boolean unwindowed = attention.window() == 0 || attention.window() >= config.contextLength();
        boolean equivalent = switch (type) {
            case "multi-head" -> true;
            case "sliding-window" -> allKeyValueHeads && unwindowed;
            default -> SHARED_KEY_VALUE_TYPES.contains(type) && allKeyValueHeads && attention.window() == 0;
        };
        if (!equivalent) {
            problems.add("block.attention.type is " + type + " (needs multi-head)");
        }
        if (!allKeyValueHeads) {
            problems.add("block.attention.kv_heads is " + attention.kvHeads() + " (needs " + attention.heads()
                    + ", one per query head)");
        }
        if (!unwindowed) {
            problems.add("block.attention.window is " + attention.window() + " (needs 0, no window)");
        }
        expect(problems, "block.attention.qkv_bias", attention.qkvBias(), true);
        expect(problems, "block.attention.output_bias", attention.outputBias(), true);
    }

    /** The double a float was written as (1e-5f becomes 1e-5, not 9.99999974738e-6). */
    static double decimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    static void check(List<String> problems, String architecture, String model) {
        if (!problems.isEmpty()) {
            throw new UnrepresentableModelException(model, architecture, problems);
        }
    }
}
