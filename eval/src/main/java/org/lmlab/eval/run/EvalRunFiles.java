package org.lmlab.eval.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.eval.task.TaskConfig;

/**
 * The layout of an eval run directory (docs/eval.md): {@code eval.json}, {@code provenance.json},
 * {@code metrics.json}, {@code status.json} and {@code tasks/<name>/results.jsonl}, where a
 * task's name is its type, or {@code <type>-2}, {@code <type>-3} when a type is given again.
 */
public record EvalRunFiles(Path root) {

    /** The format number of {@code eval.json} and {@code metrics.json}. */
    public static final int FORMAT = 1;

    public static final String REQUEST = "eval.json";
    public static final String METRICS = "metrics.json";
    public static final String STATUS = "status.json";
    public static final String RESULTS = "results.jsonl";

    public Path request() {
        return root.resolve(REQUEST);
    }

    public Path metrics() {
        return root.resolve(METRICS);
    }

    public Path status() {
        return root.resolve(STATUS);
    }

    /** The folder of the task named {@code name}. */
    public Path task(String name) {
        return root.resolve("tasks").resolve(name);
    }

    /** The results file of a task, relative to the run, with forward slashes (as {@code metrics.json} records it). */
    public static String results(String name) {
        return "tasks/" + name + "/" + RESULTS;
    }

    /** The run names of the tasks, in order: the type, then {@code type-2}, {@code type-3}... for repeats. */
    public static List<String> names(List<TaskConfig> tasks) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (TaskConfig task : tasks) {
            int count = seen.merge(task.type(), 1, Integer::sum);
            names.add(count == 1 ? task.type() : task.type() + "-" + count);
        }
        return names;
    }
}
