package org.lmlab.training.optim;

/**
 * Steps added to a run after its original schedule ({@code lmlab train --resume RUN --steps N}):
 * {@code steps} more optimizer updates whose learning rate follows {@code schedule} over those
 * steps alone (warm-up and cosine counted from the segment's first step). A run's segments are
 * recorded in its {@code status.json}, so a resume of an extended run follows the same rates.
 */
public record ScheduleSegment(long steps, ScheduleConfig schedule) {

    public ScheduleSegment {
        if (steps < 1) {
            throw new IllegalArgumentException("steps: an extension needs at least one step, got " + steps);
        }
        if (schedule == null) {
            throw new IllegalArgumentException("schedule: required");
        }
    }
}
