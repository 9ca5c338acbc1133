package org.lmlab.training.run;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lmlab.training.io.TrainingJson;
import org.lmlab.training.optim.ScheduleSegment;

/**
 * A run's {@value RunDirectory#STATUS}: what {@code train.json} (the fixed settings) does not
 * say. {@code state} is {@value #RUNNING} while a process trains it (or after it was killed),
 * {@value #INTERRUPTED} after a stop request, {@value #FAILED} after an error ({@code message}),
 * {@value #COMPLETE} once the final model is saved; {@code step} of {@code total_steps} is where
 * the last session ended; {@code checkpoint_minutes} the wall-clock checkpoint interval (not a
 * training setting: it changes no result); {@code extensions} the schedule segments added by
 * {@code --resume RUN --steps N}; {@code pruned} when {@code lmlab runs prune} deleted the
 * checkpoints. Runs written before this file existed have none; {@link #read} then gives empty.
 */
public record RunStatus(int format, String state, long step, long totalSteps, double checkpointMinutes,
        List<ScheduleSegment> extensions, boolean pruned, String message) {

    public static final int FORMAT = 1;
    public static final String RUNNING = "running";
    public static final String INTERRUPTED = "interrupted";
    public static final String FAILED = "failed";
    public static final String COMPLETE = "complete";

    public RunStatus {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        message = message == null ? "" : message;
    }

    /** A run at its start. */
    public static RunStatus started(long totalSteps, double checkpointMinutes) {
        return new RunStatus(FORMAT, RUNNING, 0, totalSteps, checkpointMinutes, List.of(), false, "");
    }

    /** The status of a run directory, if it has one. */
    public static Optional<RunStatus> read(RunDirectory run) throws IOException {
        if (!Files.isRegularFile(run.status())) {
            return Optional.empty();
        }
        RunStatus status = TrainingJson.read(run.status(), RunStatus.class);
        if (status.format() != FORMAT) {
            throw new IOException(run.status() + ": format " + status.format() + ", this lmlab reads " + FORMAT);
        }
        return Optional.of(status);
    }

    /** Writes it atomically. */
    public void write(RunDirectory run) throws IOException {
        TrainingJson.write(run.status(), this);
    }

    public boolean complete() {
        return state.equals(COMPLETE);
    }

    /** The same run in another state at a step. */
    public RunStatus at(String newState, long newStep, String newMessage) {
        return new RunStatus(format, newState, newStep, totalSteps, checkpointMinutes, extensions, pruned, newMessage);
    }

    /** The same run extended by one more segment, to {@code newTotal} steps. */
    public RunStatus extendedBy(ScheduleSegment segment, long newTotal) {
        List<ScheduleSegment> all = new ArrayList<>(extensions);
        all.add(segment);
        return new RunStatus(format, state, step, newTotal, checkpointMinutes, all, pruned, message);
    }

    /** The same run with another checkpoint interval. */
    public RunStatus withCheckpointMinutes(double minutes) {
        return new RunStatus(format, state, step, totalSteps, minutes, extensions, pruned, message);
    }

    /** The same run after its checkpoints were deleted. */
    public RunStatus asPruned() {
        return new RunStatus(format, state, step, totalSteps, checkpointMinutes, extensions, true, message);
    }
}
