package org.lmlab.models.hf;

import java.util.List;
import org.lmlab.layers.attention.AttentionConfig;

/** Collects the reasons a model cannot be written as a given Hugging Face architecture. */
final class HfRepresentability {

    private HfRepresentability() {
    }

    static void expect(List<String> problems, String field, String actual, String required) {
        if (!required.equals(actual)) {
            problems.add(field + " is " + actual + " (needs " + required + ")");
        }
    }

    static void expectTrue(List<String> problems, String requirement, boolean holds) {
        if (!holds) {
            problems.add("needs " + requirement);
        }
    }

    static void expectMultiHeadWithBiases(List<String> problems, AttentionConfig attention) {
        expectTrue(problems, "attention with kv_heads == heads", attention.kvHeads() == attention.heads());
        expectTrue(problems, "attention without a window", attention.window() == 0);
        expectTrue(problems, "attention.qkv_bias", attention.qkvBias());
        expectTrue(problems, "attention.output_bias", attention.outputBias());
    }

    /** The double a float was written as (1e-5f becomes 1e-5, not 9.99999974738e-6). */
    static double decimal(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    static void check(List<String> problems, String architecture, String model) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("model '" + model + "' cannot be written as Hugging Face " + architecture
                    + ": " + String.join("; ", problems));
        }
    }
}
