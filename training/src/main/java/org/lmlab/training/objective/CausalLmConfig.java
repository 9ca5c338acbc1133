package org.lmlab.training.objective;

/** {@code causal-lm}: next-token prediction; no knobs. */
public record CausalLmConfig(String type) implements ObjectiveConfig {

    public CausalLmConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("objective.type: required");
        }
    }

    /** The config under its built-in name. */
    public static CausalLmConfig standard() {
        return new CausalLmConfig(CausalLmObjective.NAME);
    }
}
