package org.lmlab.training;

import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;

/**
 * How the trainer trains, whatever the model and objective: batch size and gradient
 * accumulation (each optimizer step sees {@code batchSize * accumulation} examples), run length
 * ({@code steps}, or when 0, {@code epochs} over the training set), global-norm clipping
 * ({@code clipNorm}, 0 for none), evaluation every {@code evalEvery} steps ({@value #EVAL_AUTO}: about
 * twenty times per run, {@link #autoEvalEvery}) on at most
 * {@code evalBatches} validation batches (0: all), a checkpoint every {@code checkpointEvery}
 * steps (0: only at the end) keeping the newest {@code keepCheckpoints}, a plain progress line
 * every {@code logEvery} steps, the master {@code seed}, and the optimizer and schedule.
 */
public record TrainConfig(
        int batchSize,
        int accumulation,
        long steps,
        int epochs,
        double clipNorm,
        int evalEvery,
        int evalBatches,
        int checkpointEvery,
        int keepCheckpoints,
        int logEvery,
        long seed,
        AdamWConfig optimizer,
        ScheduleConfig schedule) {

    /** {@code eval_every} meaning "scale with the run": {@link #autoEvalEvery(long)}. */
    public static final int EVAL_AUTO = -1;

    public TrainConfig {
        require(batchSize >= 1, "batch: must be positive, got " + batchSize);
        require(accumulation >= 1, "accumulation: must be positive, got " + accumulation);
        require(steps >= 0, "steps: must not be negative, got " + steps);
        require(epochs >= 0, "epochs: must not be negative, got " + epochs);
        require(steps > 0 || epochs > 0, "steps or epochs: one must be positive");
        require(clipNorm >= 0 && Double.isFinite(clipNorm), "clip_norm: must be 0 (off) or positive, got " + clipNorm);
        require(evalEvery >= EVAL_AUTO, "eval_every: must be -1 (auto), 0 (only at the end) or positive, got " + evalEvery);
        require(evalBatches >= 0, "eval_batches: must not be negative, got " + evalBatches);
        require(checkpointEvery >= 0, "checkpoint_every: must not be negative, got " + checkpointEvery);
        require(keepCheckpoints >= 1, "keep_checkpoints: must be at least 1, got " + keepCheckpoints);
        require(logEvery >= 1, "log_every: must be positive, got " + logEvery);
        require(optimizer != null, "optimizer: required");
        require(schedule != null, "schedule: required");
    }

    /**
     * The book's chapter-5 settings: batch 2, 10 epochs, AdamW at a constant 4e-4 with weight
     * decay 0.1, no clipping, evaluation every 5 steps on 5 batches, seed 123.
     */
    public static TrainConfig book() {
        return new TrainConfig(2, 1, 0, 10, 0, 5, 5, 0, 2, 1, 123,
                AdamWConfig.BOOK, ScheduleConfig.constant(4e-4));
    }

    /** Optimizer steps in the run for a training set of this many examples. */
    public long totalSteps(int trainExamples) {
        if (steps > 0) {
            return steps;
        }
        long batchesPerEpoch = trainExamples / batchSize;
        long total = epochs * batchesPerEpoch / accumulation;
        if (total < 1) {
            throw new IllegalArgumentException(epochs + " epochs of " + trainExamples + " examples in batches of "
                    + batchSize + " x " + accumulation + " make no optimizer step");
        }
        return total;
    }

    /** The same settings with a fixed number of steps. */
    public TrainConfig withSteps(long newSteps) {
        return new TrainConfig(batchSize, accumulation, newSteps, epochs, clipNorm, evalEvery, evalBatches,
                checkpointEvery, keepCheckpoints, logEvery, seed, optimizer, schedule);
    }

    /**
     * The evaluation interval {@value #EVAL_AUTO} stands for in a run of {@code totalSteps}: about
     * twenty evaluations (every 5 steps of the book's 90, every 25 of a 500-step run).
     */
    public static int autoEvalEvery(long totalSteps) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (totalSteps + 19) / 20));
    }

    /** The evaluation interval for a run of {@code totalSteps}: the set one, or the automatic one. */
    public int evalEvery(long totalSteps) {
        return evalEvery == EVAL_AUTO ? autoEvalEvery(totalSteps) : evalEvery;
    }

    /** The same settings with another evaluation interval. */
    public TrainConfig withEvalEvery(int newEvalEvery) {
        return new TrainConfig(batchSize, accumulation, steps, epochs, clipNorm, newEvalEvery, evalBatches,
                checkpointEvery, keepCheckpoints, logEvery, seed, optimizer, schedule);
    }

    /** The same settings with another seed. */
    public TrainConfig withSeed(long newSeed) {
        return new TrainConfig(batchSize, accumulation, steps, epochs, clipNorm, evalEvery, evalBatches,
                checkpointEvery, keepCheckpoints, logEvery, newSeed, optimizer, schedule);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
