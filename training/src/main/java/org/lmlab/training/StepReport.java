package org.lmlab.training;

import java.util.Map;

/**
 * One optimizer step as listeners see it: {@code step} counts updates done (1 after the first),
 * with the epoch the batch came from, the mean training loss of the step, its learning rate,
 * the gradient norm before clipping, the input tokens it processed, its wall time, and the
 * objective's named metrics over the step (means, by name).
 */
public record StepReport(long step, long totalSteps, long epoch, double loss, double lr, double gradientNorm,
        long tokens, double seconds, Map<String, Double> metrics) {

    public StepReport {
        metrics = Map.copyOf(metrics);
    }

    /** A step whose objective reports no metrics. */
    public StepReport(long step, long totalSteps, long epoch, double loss, double lr, double gradientNorm, long tokens, double seconds) {
        this(step, totalSteps, epoch, loss, lr, gradientNorm, tokens, seconds, Map.of());
    }

    /** Input tokens per second of wall time in this step. */
    public double tokensPerSecond() {
        return seconds > 0 ? tokens / seconds : 0;
    }
}
