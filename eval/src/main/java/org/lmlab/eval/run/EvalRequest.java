package org.lmlab.eval.run;

import java.nio.file.Path;
import java.util.List;
import org.lmlab.eval.task.TaskConfig;
import org.lmlab.models.score.ScoringConfig;

/**
 * What to evaluate: a model directory (or a training run directory, meaning its {@code model/}),
 * the tasks' resolved configs in order, the seed of the bootstrap intervals (and of any task
 * sampling that reads it), the number of bootstrap resamples, how the scorer batches, and the new
 * or empty directory the eval run is written to.
 */
public record EvalRequest(Path model, List<TaskConfig> tasks, long seed, int resamples, ScoringConfig scoring, Path output) {

    /** The bootstrap resamples used when none are given. */
    public static final int DEFAULT_RESAMPLES = 1000;

    public EvalRequest {
        if (model == null) {
            throw new IllegalArgumentException("model: required");
        }
        if (output == null) {
            throw new IllegalArgumentException("output: required");
        }
        if (tasks == null || tasks.isEmpty()) {
            throw new IllegalArgumentException("tasks: at least one task is required");
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples: must be positive, got " + resamples);
        }
        tasks = List.copyOf(tasks);
        scoring = scoring == null ? ScoringConfig.DEFAULT : scoring;
    }
}
