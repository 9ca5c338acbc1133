package org.lmlab.training;

import java.nio.file.Path;

/**
 * The loss or the gradients became NaN or infinite. The run stops before that step changes any
 * weight; the last checkpoint written (if any) is untouched. Resuming it would repeat the same
 * steps (everything derives from the seed), so the way on is a new run with other settings.
 */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long step;
    private final transient Path lastCheckpoint;

    public TrainingDivergedException(long step, double loss, double gradientNorm, Path lastCheckpoint) {
        this(step, lastCheckpoint, "training stopped at step " + step + ": the loss is " + loss + " and the gradient norm "
                + gradientNorm + ", so the step changed no weight; "
                + (lastCheckpoint == null ? "no checkpoint had been written yet"
                        : "the last checkpoint is " + lastCheckpoint + " (resuming it would repeat the same steps)")
                + "; try a lower learning rate or gradient clipping");
    }

    private TrainingDivergedException(long step, Path lastCheckpoint, String message) {
        super(message);
        this.step = step;
        this.lastCheckpoint = lastCheckpoint;
    }

    /** The same failure with a note on what became of the run (e.g. its directory was removed). */
    public TrainingDivergedException withNote(String note) {
        TrainingDivergedException noted = new TrainingDivergedException(step, lastCheckpoint, getMessage() + "; " + note);
        noted.setStackTrace(getStackTrace());
        return noted;
    }

    /** The step (1-based) whose loss was not finite. */
    public long step() {
        return step;
    }

    /** The newest checkpoint, or null if none was written. */
    public Path lastCheckpoint() {
        return lastCheckpoint;
    }
}
