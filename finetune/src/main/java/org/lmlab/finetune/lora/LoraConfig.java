package org.lmlab.finetune.lora;

import java.util.List;
import org.lmlab.training.model.ModelEditConfig;

/**
 * {@code lora}: low-rank adapters of {@code rank} on linear layers, their output scaled by
 * {@code alpha / rank}; {@code targets} are dotted-name prefixes of the layers to adapt
 * ({@code blocks.0.attention}, {@code head}), every linear layer when empty.
 */
public record LoraConfig(String type, int rank, double alpha, List<String> targets) implements ModelEditConfig {

    public LoraConfig {
        if (rank < 1) {
            throw new IllegalArgumentException("edits.rank: must be positive, got " + rank);
        }
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("edits.alpha: must be positive, got " + alpha);
        }
        targets = targets == null ? List.of() : List.copyOf(targets);
        for (String target : targets) {
            if (target.isBlank()) {
                throw new IllegalArgumentException("edits.targets: a target must name a layer or a prefix, got a blank one");
            }
        }
    }

    /** Adapters on every linear layer under the registered name. */
    public static LoraConfig of(int rank, double alpha) {
        return new LoraConfig(Lora.NAME, rank, alpha, List.of());
    }

    /** The factor the adapters' output is multiplied by, {@code alpha / rank}. */
    public double scaling() {
        return alpha / rank;
    }
}
