package org.lmlab.training;

import java.nio.file.Path;

/**
 * How a run ended: the updates done, the last step's training loss (its batch, dropout on), the
 * last validation loss (NaN without a validation set), the input tokens trained on, the last
 * checkpoint (null if none was written), and the run's evaluations ({@link EvalHistory}: the
 * last evaluation-mode training loss, the best validation loss and its step), counted over the
 * whole run, also across resumes.
 */
public record TrainSummary(long steps, double trainLoss, double validationLoss, long tokensSeen, Path lastCheckpoint,
        EvalHistory evaluations) {

    public TrainSummary {
        evaluations = evaluations == null ? EvalHistory.NONE : evaluations;
    }

    /** A summary without evaluation history. */
    public TrainSummary(long steps, double trainLoss, double validationLoss, long tokensSeen, Path lastCheckpoint) {
        this(steps, trainLoss, validationLoss, tokensSeen, lastCheckpoint, EvalHistory.NONE);
    }

    /** The training loss measured like the validation loss (no dropout) at the last evaluation, NaN if none. */
    public double trainEvalLoss() {
        return evaluations.lastTrainLoss();
    }

    /** The lowest validation loss of the run, NaN if none. */
    public double bestValidationLoss() {
        return evaluations.bestValidationLoss();
    }

    /** The step of {@link #bestValidationLoss()}, -1 if none. */
    public long bestValidationStep() {
        return evaluations.bestStep();
    }
}
