package org.lmlab.training.objective;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an objective's loss computation returns (fairseq's criterion triple): the loss summed
 * over the batch's targets, the number of targets, and named metrics as sums with their own
 * counts ({@link MetricSum}), which the trainer adds up over micro-batches and evaluation
 * batches before dividing, so a metric means the same whatever the batching.
 */
public record LossOutput(NDArray loss, long targets, Map<String, MetricSum> metrics) {

    /** Keys a metrics line already has. */
    private static final Set<String> RESERVED = Set.of("step", "split", "loss", "lr", "grad_norm", "tokens_per_s", "epoch", "targets");

    public LossOutput {
        if (loss == null) {
            throw new IllegalArgumentException("loss: required");
        }
        if (targets < 0) {
            throw new IllegalArgumentException("targets: must not be negative, got " + targets);
        }
        metrics = Map.copyOf(new TreeMap<>(metrics));
        for (String name : metrics.keySet()) {
            if (!name.matches("[a-z][a-z0-9_]*") || RESERVED.contains(name)) {
                throw new IllegalArgumentException("metric name '" + name + "': must be snake_case and none of " + RESERVED);
            }
        }
    }

    /** A loss without metrics. */
    public static LossOutput of(NDArray loss, long targets) {
        return new LossOutput(loss, targets, Map.of());
    }
}
