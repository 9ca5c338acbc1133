package org.lmlab.training.step;

import java.util.Map;

/**
 * What one optimizer step did: the mean loss over its targets, the gradient norm before
 * clipping, the clipping factor used, how many targets and input tokens it covered, and
 * whether the weights were updated (false when the loss or gradients were not finite), and the
 * objective's metrics over the step (means by name).
 */
public record StepOutcome(double loss, double gradientNorm, double clipFactor, long targets, long inputTokens, boolean updated,
        Map<String, Double> metrics) {

    public StepOutcome {
        metrics = Map.copyOf(metrics);
    }

    /** True if loss and gradient norm are finite numbers. */
    public boolean finite() {
        return Double.isFinite(loss) && Double.isFinite(gradientNorm);
    }
}
