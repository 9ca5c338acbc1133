package org.lmlab.training;

/**
 * What a run's evaluations have shown so far: the latest evaluation-mode training loss and
 * validation loss, and the best (lowest) validation loss with its step. NaN and -1 before any
 * evaluation. A resumed run starts from the history its {@code metrics.jsonl} kept.
 */
public record EvalHistory(double lastTrainLoss, double lastValidationLoss, double bestValidationLoss, long bestStep) {

    /** No evaluation yet. */
    public static final EvalHistory NONE = new EvalHistory(Double.NaN, Double.NaN, Double.NaN, -1);

    /** This history after one more evaluation. */
    public EvalHistory with(long step, double validationLoss, double trainLoss) {
        boolean better = Double.isFinite(validationLoss) && !(validationLoss >= bestValidationLoss);
        return new EvalHistory(trainLoss, validationLoss, better ? validationLoss : bestValidationLoss, better ? step : bestStep);
    }

    /** True once an evaluation was recorded. */
    public boolean any() {
        return !Double.isNaN(lastValidationLoss) || !Double.isNaN(lastTrainLoss);
    }
}
