package org.lmlab.experiments.file;

import java.util.List;
import org.lmlab.eval.task.TaskConfig;

/** The evaluation stage of every model: the tasks in file order and the bootstrap resamples of each metric's interval. */
public record EvalPlan(List<TaskConfig> tasks, int resamples) {

    public EvalPlan {
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("tasks: at least one task");
        }
        if (resamples < 0) {
            throw new IllegalArgumentException("resamples: must not be negative, got " + resamples);
        }
    }
}
