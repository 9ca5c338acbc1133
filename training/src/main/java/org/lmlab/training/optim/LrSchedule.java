package org.lmlab.training.optim;

/**
 * Linear warm-up then cosine decay to a floor, as a pure function of the step, so a resumed
 * run needs only the step number. For update {@code s} (0-based): during warm-up
 * {@code peak * (s + 1) / warmup}; afterwards
 * {@code floor + (peak - floor) * (1 + cos(pi * p)) / 2} with
 * {@code p = (s - warmup) / (total - warmup)}, which starts at the peak and would reach the
 * floor one step after the last.
 */
public record LrSchedule(int warmupSteps, double peakLr, long totalSteps, double floorLr) {

    public LrSchedule {
        if (totalSteps < 1) {
            throw new IllegalArgumentException("a schedule needs at least one step, got " + totalSteps);
        }
        if (warmupSteps < 0 || !(peakLr > 0) || !(floorLr >= 0 && floorLr <= peakLr)) {
            throw new IllegalArgumentException("invalid schedule: warmup " + warmupSteps + ", peak " + peakLr + ", floor " + floorLr);
        }
    }

    /** The learning rate of update {@code step} (0-based). */
    public double lr(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must not be negative, got " + step);
        }
        if (step < warmupSteps) {
            return peakLr * (step + 1) / warmupSteps;
        }
        long decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        return floorLr + (peakLr - floorLr) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
