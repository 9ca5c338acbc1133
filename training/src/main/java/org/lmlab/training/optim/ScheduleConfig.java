package org.lmlab.training.optim;

/**
 * The learning-rate schedule before the run length is known: the peak rate, linear warm-up
 * steps, and the floor the cosine decays to. A floor equal to the peak with no warm-up is a
 * constant rate (the book's chapter 5).
 */
public record ScheduleConfig(double peakLr, int warmupSteps, double floorLr) {

    public ScheduleConfig {
        if (!(peakLr > 0) || !Double.isFinite(peakLr)) {
            throw new IllegalArgumentException("lr: must be a positive number, got " + peakLr);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmup_steps: must not be negative, got " + warmupSteps);
        }
        if (!(floorLr >= 0 && floorLr <= peakLr)) {
            throw new IllegalArgumentException("lr_floor: must be between 0 and lr (" + peakLr + "), got " + floorLr);
        }
    }

    /** A constant rate. */
    public static ScheduleConfig constant(double lr) {
        return new ScheduleConfig(lr, 0, lr);
    }

    /** The schedule for a run of {@code totalSteps} optimizer steps. */
    public LrSchedule over(long totalSteps) {
        return new LrSchedule(warmupSteps, peakLr, totalSteps, floorLr);
    }
}
