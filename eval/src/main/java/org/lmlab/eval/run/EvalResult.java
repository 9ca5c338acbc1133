package org.lmlab.eval.run;

import java.nio.file.Path;
import java.util.List;
import org.lmlab.eval.metric.MetricValue;

/**
 * What an eval run wrote: its directory, {@code metrics.json}, and per task (in request order)
 * its run name, type, item count, metric values and scoring time.
 */
public record EvalResult(Path directory, Path metrics, List<TaskResult> tasks) {

    public EvalResult {
        tasks = List.copyOf(tasks);
    }

    /** One task's outcome. */
    public record TaskResult(String name, String type, int items, List<MetricValue> metrics, List<String> notes, double seconds) {

        public TaskResult {
            metrics = List.copyOf(metrics);
            notes = List.copyOf(notes);
        }
    }
}
