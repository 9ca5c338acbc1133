package org.lmlab.training;

/**
 * One optimizer step as listeners see it: {@code step} counts updates done (1 after the first),
 * with the epoch the batch came from, the mean training loss of the step, its learning rate,
 * the gradient norm before clipping, the input tokens it processed and its wall time.
 */
public record StepReport(long step, long totalSteps, long epoch, double loss, double lr, double gradientNorm,
        long tokens, double seconds) {

    /** Input tokens per second of wall time in this step. */
    public double tokensPerSecond() {
        return seconds > 0 ? tokens / seconds : 0;
    }
}
