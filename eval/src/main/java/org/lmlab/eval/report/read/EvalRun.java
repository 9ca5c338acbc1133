package org.lmlab.eval.report.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.eval.metric.Aggregation;
import org.lmlab.eval.metric.MetricValue;
import org.lmlab.eval.metric.Transform;
import org.lmlab.eval.stats.Interval;

/**
 * An eval run directory read for a report: {@code eval.json} (the resolved configs),
 * {@code metrics.json} (every task's metric values, breakdowns, extras, notes) and
 * {@code status.json}. Every field the report uses is checked; a broken one fails with the
 * file and the field's path.
 */
public record EvalRun(Path dir, JsonNode config, String model, String modelKind, long seed, int resamples,
        Map<String, TaskResult> tasks, JsonNode status) {

    public static final String CONFIG = "eval.json";
    public static final String METRICS = "metrics.json";

    /** True if {@code dir} holds an eval run. */
    public static boolean holds(Path dir) {
        return Files.isRegularFile(dir.resolve(CONFIG)) || Files.isRegularFile(dir.resolve(METRICS));
    }

    public static EvalRun read(Path dir) throws IOException {
        Path configFile = dir.resolve(CONFIG);
        Path metricsFile = dir.resolve(METRICS);
        JsonNode config = RunFiles.tree(configFile);
        JsonNode metrics = RunFiles.tree(metricsFile);
        long format = RunFiles.integer(metrics, "format", metricsFile, "");
        if (format != 1) {
            throw RunFiles.fieldError(metricsFile, "format", "format " + format + ", this lmlab reads 1");
        }
        String model = RunFiles.text(metrics, "model", metricsFile, "");
        String kind = metrics.has("model_kind") ? RunFiles.text(metrics, "model_kind", metricsFile, "") : "unknown";
        long seed = RunFiles.integer(metrics, "seed", metricsFile, "");
        int resamples = config.has("resamples") ? (int) RunFiles.integer(config, "resamples", configFile, "") : 1000;
        JsonNode tasksNode = RunFiles.object(metrics, "tasks", metricsFile, "");
        Map<String, TaskResult> tasks = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = tasksNode.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            tasks.put(entry.getKey(), task(dir, metricsFile, entry.getKey(), entry.getValue()));
        }
        JsonNode status = RunFiles.optionalTree(dir.resolve("status.json")).orElse(JsonNodeFactory.instance.objectNode());
        return new EvalRun(dir, config, model, kind, seed, resamples, tasks, status);
    }

    private static TaskResult task(Path dir, Path file, String name, JsonNode node) throws IOException {
        String path = "tasks." + name;
        if (!node.isObject()) {
            throw RunFiles.fieldError(file, path, "expected an object");
        }
        String type = RunFiles.text(node, "type", file, path);
        int version = (int) RunFiles.integer(node, "version", file, path);
        JsonNode config = node.has("config") ? RunFiles.object(node, "config", file, path) : JsonNodeFactory.instance.objectNode();
        int items = (int) RunFiles.integer(node, "items", file, path);
        String results = RunFiles.text(node, "results", file, path);
        JsonNode metricsNode = RunFiles.array(node, "metrics", file, path);
        List<MetricValue> metrics = new ArrayList<>();
        for (int i = 0; i < metricsNode.size(); i++) {
            metrics.add(metric(metricsNode.get(i), file, path + ".metrics[" + i + "]"));
        }
        JsonNode breakdowns = node.has("breakdowns") ? RunFiles.object(node, "breakdowns", file, path)
                : JsonNodeFactory.instance.objectNode();
        JsonNode extras = node.has("extras") ? RunFiles.object(node, "extras", file, path) : JsonNodeFactory.instance.objectNode();
        List<String> notes = new ArrayList<>();
        if (node.has("notes")) {
            for (JsonNode note : RunFiles.array(node, "notes", file, path)) {
                notes.add(note.asText());
            }
        }
        return new TaskResult(name, type, version, config, items, dir.resolve(results), metrics, breakdowns, extras, notes);
    }

    private static MetricValue metric(JsonNode node, Path file, String path) throws IOException {
        if (!node.isObject()) {
            throw RunFiles.fieldError(file, path, "expected an object");
        }
        String name = RunFiles.text(node, "name", file, path);
        double value = RunFiles.number(node, "value", file, path);
        boolean higher = RunFiles.bool(node, "higher_is_better", file, path);
        Aggregation aggregation = aggregation(RunFiles.object(node, "aggregation", file, path), file, path + ".aggregation");
        int n = (int) RunFiles.integer(node, "n", file, path);
        Interval ci = node.has("ci") && !node.get("ci").isNull() ? interval(RunFiles.object(node, "ci", file, path), file, path + ".ci") : null;
        Interval normal = node.has("normal_ci") && !node.get("normal_ci").isNull()
                ? interval(RunFiles.object(node, "normal_ci", file, path), file, path + ".normal_ci") : null;
        return new MetricValue(name, value, higher, aggregation, n, ci, normal);
    }

    private static Aggregation aggregation(JsonNode node, Path file, String path) throws IOException {
        String kind = RunFiles.text(node, "kind", file, path);
        if (kind.equals("mean")) {
            return new Aggregation.Mean(RunFiles.text(node, "value", file, path));
        }
        if (kind.equals("ratio")) {
            String transform = RunFiles.text(node, "transform", file, path);
            Transform t = null;
            for (Transform candidate : Transform.values()) {
                if (candidate.label().equals(transform)) {
                    t = candidate;
                }
            }
            if (t == null) {
                throw RunFiles.fieldError(file, path + ".transform", "unknown transform '" + transform + "'");
            }
            return new Aggregation.Ratio(RunFiles.text(node, "numerator", file, path),
                    RunFiles.text(node, "denominator", file, path), t);
        }
        throw RunFiles.fieldError(file, path + ".kind", "unknown aggregation '" + kind + "' (mean, ratio)");
    }

    private static Interval interval(JsonNode node, Path file, String path) throws IOException {
        double low = RunFiles.number(node, "low", file, path);
        double high = RunFiles.number(node, "high", file, path);
        double level = RunFiles.number(node, "level", file, path);
        String method = RunFiles.text(node, "method", file, path);
        Integer resamples = node.has("resamples") ? (int) RunFiles.integer(node, "resamples", file, path) : null;
        Long seed = node.has("seed") ? RunFiles.integer(node, "seed", file, path) : null;
        if (low > high) {
            throw RunFiles.fieldError(file, path, "low " + low + " > high " + high);
        }
        return new Interval(low, high, level, method, resamples, seed);
    }
}
