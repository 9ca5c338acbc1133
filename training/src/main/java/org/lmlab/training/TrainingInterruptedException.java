package org.lmlab.training;

import java.nio.file.Path;

/**
 * A run stopped on request ({@link RunControl#requestStop}) after finishing a step and writing a
 * checkpoint of it, or before its first step (then no checkpoint exists). Resuming continues
 * exactly where it stopped.
 */
public class TrainingInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long step;
    private final long totalSteps;
    private final transient Path checkpoint;
    private final transient Path runDirectory;
    private final String reason;

    public TrainingInterruptedException(String reason, long step, long totalSteps, Path checkpoint, Path runDirectory) {
        super(describe(reason, step, totalSteps, checkpoint, runDirectory));
        this.reason = reason;
        this.step = step;
        this.totalSteps = totalSteps;
        this.checkpoint = checkpoint;
        this.runDirectory = runDirectory;
    }

    private static String describe(String reason, long step, long totalSteps, Path checkpoint, Path runDirectory) {
        String why = reason == null ? "stopped" : "stopped by " + reason;
        if (checkpoint == null) {
            return why + " before the first step; nothing was trained"
                    + (runDirectory == null ? "" : " and nothing was kept in " + runDirectory);
        }
        return why + " after step " + step + " of " + totalSteps + "; checkpoint " + checkpoint + " holds it";
    }

    /** The same interruption, knowing its run directory. */
    public TrainingInterruptedException inRun(Path directory) {
        TrainingInterruptedException located = new TrainingInterruptedException(reason, step, totalSteps, checkpoint, directory);
        located.setStackTrace(getStackTrace());
        return located;
    }

    /** Updates done when the run stopped. */
    public long step() {
        return step;
    }

    public long totalSteps() {
        return totalSteps;
    }

    /** The checkpoint of the last step, or null if the run stopped before its first step. */
    public Path checkpoint() {
        return checkpoint;
    }

    /** The run directory, or null if the trainer ran without one. */
    public Path runDirectory() {
        return runDirectory;
    }

    /** True if there is a checkpoint to resume from. */
    public boolean resumable() {
        return checkpoint != null;
    }
}
