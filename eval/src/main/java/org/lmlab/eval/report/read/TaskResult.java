package org.lmlab.eval.report.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.lmlab.eval.metric.MetricValue;

/**
 * One task of an eval run's {@code metrics.json}: its name (the key), type, version, resolved
 * config, item count, results file, metric values, breakdowns, extras and notes.
 */
public record TaskResult(String name, String type, int version, JsonNode config, int items, Path results,
        List<MetricValue> metrics, JsonNode breakdowns, JsonNode extras, List<String> notes) {

    public TaskResult {
        metrics = List.copyOf(metrics);
        notes = List.copyOf(notes);
    }

    /** The metric called {@code name}, or null. */
    public MetricValue metric(String metricName) {
        return metrics.stream().filter(m -> m.name().equals(metricName)).findFirst().orElse(null);
    }
}
