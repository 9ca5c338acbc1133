package org.lmlab.training;

import java.nio.file.Path;
import org.lmlab.training.step.ForwardObserver;

/**
 * Hears what the trainer does: progress bars, the metrics log and tests subscribe here, so the
 * training loop itself prints nothing. Every method has an empty default.
 */
public interface TrainerListener extends ForwardObserver {

    /**
     * A run directory was accepted (everything checked, the directory locked) and is about to
     * be trained into, or resumed ({@code resumed}).
     */
    default void onRun(Path runDirectory, boolean resumed) {
    }

    /**
     * The memory the run is estimated to take (one line: the total and its parts), told once it
     * was checked against the available memory, just after {@link #onRun}.
     */
    default void onMemoryEstimate(String summary) {
    }

    /** Training is about to start (or resume). */
    default void onStart(TrainingPlan plan) {
    }

    @Override
    default void afterForward(long step, int micro) {
    }

    /** An optimizer step finished. */
    default void onStep(StepReport report) {
    }

    /** The validation loss was measured. */
    default void onEvaluation(EvalReport report) {
    }

    /** A checkpoint was written and is now the latest. */
    default void onCheckpoint(long step, Path directory) {
    }

    /** Something the user should know that does not stop the run (a fallback checkpoint). */
    default void onWarning(String message) {
    }

    /** The run was asked to stop (a signal): it finishes its step and writes a checkpoint first. */
    default void onStopRequested(String message) {
    }

    /** The run finished normally. */
    default void onFinish(TrainSummary summary) {
    }

    /** The final model was saved as a model directory (with the tokenizer it was trained with). */
    default void onModelSaved(Path modelDirectory) {
    }

    /** A resume found the run already complete: nothing was trained; the summary is what its metrics recorded. */
    default void onAlreadyComplete(TrainSummary summary) {
    }
}
