package org.lmlab.training.step;

/**
 * Where the wall time of one {@link TrainStep} went, in seconds: preparing the batches on the
 * host, the objective's forward pass and loss, backward, the gradient norm (and the check that
 * it is finite), the optimizer's update and zeroing the gradients. {@code lmlab bench train}
 * prints it so the next bottleneck is visible.
 */
public record StepPhases(double prepare, double forwardAndLoss, double backward, double norm, double optimizer, double zero) {

    /** No time at all: before the first step. */
    public static final StepPhases NONE = new StepPhases(0, 0, 0, 0, 0, 0);

    /** The sum of the phases. */
    public double total() {
        return prepare + forwardAndLoss + backward + norm + optimizer + zero;
    }
}
