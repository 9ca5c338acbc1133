package org.lmlab.training;

import java.util.Map;

/**
 * An evaluation after {@code step} updates (0: before training): the validation loss over
 * {@code targets} predicted tokens, and the training loss measured the same way (no dropout,
 * batches in order, as the book's {@code evaluate_model} does) over {@code trainTargets}
 * tokens, so the two curves are comparable; the objective's named metrics (means) on each.
 */
public record EvalReport(long step, double loss, long targets, double trainLoss, long trainTargets,
        Map<String, Double> metrics, Map<String, Double> trainMetrics) {

    public EvalReport {
        metrics = Map.copyOf(metrics);
        trainMetrics = Map.copyOf(trainMetrics);
    }

    /** An evaluation whose objective reports no metrics. */
    public EvalReport(long step, double loss, long targets, double trainLoss, long trainTargets) {
        this(step, loss, targets, trainLoss, trainTargets, Map.of(), Map.of());
    }
}
