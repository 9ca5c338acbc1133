package org.lmlab.training.optim;

/**
 * AdamW's hyper-parameters other than the learning rate (which the schedule gives per step):
 * moment decay rates, the denominator's epsilon, and the decoupled weight decay applied to
 * matrices only.
 */
public record AdamWConfig(double beta1, double beta2, double epsilon, double weightDecay) {

    /** PyTorch's defaults with the book's weight decay of 0.1. */
    public static final AdamWConfig BOOK = new AdamWConfig(0.9, 0.999, 1e-8, 0.1);

    public AdamWConfig {
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("optimizer.beta1: must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("optimizer.beta2: must be in [0, 1), got " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("optimizer.epsilon: must be positive, got " + epsilon);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("optimizer.weight_decay: must be a non-negative number, got " + weightDecay);
        }
    }

    /** The same settings with another weight decay. */
    public AdamWConfig withWeightDecay(double decay) {
        return new AdamWConfig(beta1, beta2, epsilon, decay);
    }
}
