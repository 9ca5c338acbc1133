package org.lmlab.training.run;

import org.lmlab.training.RunControl;
import org.lmlab.training.optim.ScheduleConfig;

/**
 * How {@link TrainJob} runs a start or a resume, beyond the run's recorded settings:
 * {@code checkpointMinutes} the wall-clock checkpoint interval (null: {@value #DEFAULT_CHECKPOINT_MINUTES}
 * for a new run, the recorded one on resume; 0 turns it off), {@code handleSignals} whether
 * SIGINT/SIGTERM stop the run cleanly (finish the step, checkpoint, then
 * {@link org.lmlab.training.TrainingInterruptedException}), {@code extensionSteps} more steps to
 * add on resume (0: none) with {@code extensionSchedule} their learning rates (null: constant at
 * the rate the run ended with), and {@code control} a caller's own {@link RunControl} (null: one
 * made from the interval on the system clock).
 */
public record RunOptions(Double checkpointMinutes, boolean handleSignals, long extensionSteps, ScheduleConfig extensionSchedule,
        RunControl control) {

    /** A checkpoint every 10 minutes of training by default. */
    public static final double DEFAULT_CHECKPOINT_MINUTES = 10;

    public RunOptions {
        if (checkpointMinutes != null && (!(checkpointMinutes >= 0) || checkpointMinutes.isInfinite())) {
            throw new IllegalArgumentException("checkpoint_minutes: must be 0 (off) or positive, got " + checkpointMinutes);
        }
        if (extensionSteps < 0) {
            throw new IllegalArgumentException("steps: must not be negative, got " + extensionSteps);
        }
    }

    /** Timed checkpoints at the default or recorded interval, signals handled, no extension. */
    public static RunOptions defaults() {
        return new RunOptions(null, true, 0, null, null);
    }

    public RunOptions withCheckpointMinutes(double minutes) {
        return new RunOptions(minutes, handleSignals, extensionSteps, extensionSchedule, control);
    }

    /** The same without taking SIGINT/SIGTERM (an embedding program keeps its own handlers). */
    public RunOptions withoutSignals() {
        return new RunOptions(checkpointMinutes, false, extensionSteps, extensionSchedule, control);
    }

    /** On resume, {@code steps} more steps; {@code schedule} null continues at the rate the run ended with. */
    public RunOptions extendedBy(long steps, ScheduleConfig schedule) {
        return new RunOptions(checkpointMinutes, handleSignals, steps, schedule, control);
    }

    /** The same with the caller's control (tests stop runs and drive timed checkpoints through it). */
    public RunOptions withControl(RunControl newControl) {
        return new RunOptions(checkpointMinutes, handleSignals, extensionSteps, extensionSchedule, newControl);
    }

    /** The control of a run whose interval is {@code minutes}. */
    RunControl controlFor(double minutes) {
        return control != null ? control : RunControl.everyMinutes(minutes);
    }
}
