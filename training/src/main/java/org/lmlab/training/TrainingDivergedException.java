package org.lmlab.training;

import java.nio.file.Path;

/**
 * The loss or the gradients became NaN or infinite. The run stops before that step changes any
 * weight; the last checkpoint written (if any) is untouched and can be resumed with other
 * settings.
 */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long step;
    private final transient Path lastCheckpoint;

    public TrainingDivergedException(long step, double loss, double gradientNorm, Path lastCheckpoint) {
        super("training stopped at step " + step + ": the loss is " + loss + " and the gradient norm " + gradientNorm
                + "; the weights of step " + (step - 1) + " were kept, "
                + (lastCheckpoint == null ? "no checkpoint had been written yet" : "last good checkpoint: " + lastCheckpoint));
        this.step = step;
        this.lastCheckpoint = lastCheckpoint;
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
