package org.lmlab.training.optim;

import java.util.List;

/**
 * The learning rate of a whole run: its original schedule over its first {@code baseSteps}
 * updates, then each extension {@link ScheduleSegment} over its own steps, in order. A pure
 * function of the step, like {@link LrSchedule}.
 */
public final class SegmentedSchedule {

    private final LrSchedule base;
    private final long baseSteps;
    private final List<ScheduleSegment> extensions;
    private final long totalSteps;

    public SegmentedSchedule(ScheduleConfig base, long baseSteps, List<ScheduleSegment> extensions) {
        this.base = base.over(baseSteps);
        this.baseSteps = baseSteps;
        this.extensions = List.copyOf(extensions);
        long total = baseSteps;
        for (ScheduleSegment segment : this.extensions) {
            total = Math.addExact(total, segment.steps());
        }
        this.totalSteps = total;
    }

    /** Updates in the whole run: the original ones and every extension's. */
    public long totalSteps() {
        return totalSteps;
    }

    /** The learning rate of update {@code step} (0-based). */
    public double lr(long step) {
        if (step < baseSteps || extensions.isEmpty()) {
            return base.lr(step);
        }
        long offset = baseSteps;
        for (ScheduleSegment segment : extensions) {
            if (step < offset + segment.steps()) {
                return segment.schedule().over(segment.steps()).lr(step - offset);
            }
            offset += segment.steps();
        }
        ScheduleSegment last = extensions.get(extensions.size() - 1);
        return last.schedule().over(last.steps()).lr(last.steps() + step - offset);
    }

    /** The rate the run has reached at its end, where a continuation without its own schedule goes on. */
    public double endLr() {
        return lr(totalSteps);
    }
}
