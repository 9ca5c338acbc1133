package org.lmlab.training;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What may stop or checkpoint a run from outside its settings: a wall-clock checkpoint
 * interval (a checkpoint whenever that much time has passed since the last one, on top of
 * {@code checkpoint_every} steps) and a stop request (Ctrl-C, SIGTERM), after which the trainer
 * finishes the step it is in, writes a checkpoint and throws {@link TrainingInterruptedException}.
 * Neither changes what the run computes, so neither is part of the training settings an exact
 * resume compares. The clock is injectable so tests need no real time.
 */
public final class RunControl {

    private final long intervalNanos;
    private final LongSupplier clock;
    private volatile String stopReason;

    /**
     * @param interval time between checkpoints, {@link Duration#ZERO} for none
     * @param clock    nanoseconds, as {@link System#nanoTime()}
     */
    public RunControl(Duration interval, LongSupplier clock) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("checkpoint interval: must not be negative, got " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
    }

    /** No timed checkpoints; stops only when asked. */
    public static RunControl none() {
        return new RunControl(Duration.ZERO, System::nanoTime);
    }

    /** A checkpoint every {@code minutes} of wall time (0: none), on the system clock. */
    public static RunControl everyMinutes(double minutes) {
        if (!(minutes >= 0) || !Double.isFinite(minutes)) {
            throw new IllegalArgumentException("checkpoint_minutes: must be 0 (off) or positive, got " + minutes);
        }
        return new RunControl(Duration.ofNanos(Math.round(minutes * 60e9)), System::nanoTime);
    }

    /** Asks the run to stop after the current step; the first reason given is kept. */
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    public boolean stopRequested() {
        return stopReason != null;
    }

    /** Why the run was asked to stop (e.g. {@code SIGINT}), or null. */
    public String stopReason() {
        return stopReason;
    }

    /** The clock's time now, in nanoseconds. */
    long now() {
        return clock.getAsLong();
    }

    /** True if a timed checkpoint is due, the last one (or the start) having been at {@code lastNanos}. */
    boolean checkpointDue(long lastNanos) {
        return intervalNanos > 0 && now() - lastNanos >= intervalNanos;
    }
}
