package org.lmlab.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.lmlab.eval.report.ReportWriter;
import org.lmlab.eval.report.doc.Block;
import org.lmlab.eval.report.doc.Report;
import org.lmlab.eval.report.doc.Section;
import org.lmlab.eval.report.doc.TableBuilder;
import org.lmlab.layers.config.Json;

/**
 * The comparison report of a sweep: every point's evaluation metrics per model, and, over the
 * points that differ only in their seed, the mean, the between-run standard deviation and the
 * count, so a reader can tell a component's effect from seed noise. Each point's own report is
 * linked.
 */
public final class SweepReport {

    /** The part of a point label that names its seed ({@code seed=2}). */
    private static final String SEED = "seed=";

    private SweepReport() {
    }

    /** A point of the sweep: its label ({@code seed=2,attention=grouped-query}) and its run folder. */
    public record Point(String label, Path folder) {
    }

    /** Writes {@code report.md|html|json} of the sweep into {@code folder}; returns report.html. */
    public static Path write(String title, List<Point> points, Path folder) throws IOException {
        // metric key (model / task / metric) -> group (label without seed) -> seed label -> value
        Map<String, Map<String, Map<String, Double>>> values = new TreeMap<>();
        Map<String, Boolean> higherIsBetter = new TreeMap<>();
        for (Point point : points) {
            Path evals = point.folder().resolve("eval");
            if (!Files.isDirectory(evals)) {
                continue;
            }
            List<Path> models;
            try (var list = Files.list(evals)) {
                models = list.filter(Files::isDirectory).sorted().toList();
            }
            for (Path model : models) {
                Path metricsFile = model.resolve("metrics.json");
                if (!Files.isRegularFile(metricsFile)) {
                    continue;
                }
                JsonNode tasks = Json.readTree(Json.MAPPER, metricsFile).path("tasks");
                for (var task = tasks.fields(); task.hasNext();) {
                    var entry = task.next();
                    for (JsonNode metric : entry.getValue().path("metrics")) {
                        String key = model.getFileName() + " / " + entry.getKey() + " / " + metric.path("name").asText();
                        values.computeIfAbsent(key, k -> new TreeMap<>())
                                .computeIfAbsent(group(point.label()), g -> new TreeMap<>())
                                .put(point.label(), metric.path("value").asDouble(Double.NaN));
                        higherIsBetter.put(key, metric.path("higher_is_better").asBoolean());
                    }
                }
            }
        }
        TableBuilder summary = new TableBuilder("Mean over the points that differ only in seed, with the between-run standard deviation",
                "model / task / metric", "better", "points", "runs", "mean", "sd", "min", "max");
        for (var metric : values.entrySet()) {
            for (var group : metric.getValue().entrySet()) {
                SummaryStatistics stats = new SummaryStatistics();
                group.getValue().values().forEach(stats::addValue);
                summary.row(metric.getKey(), higherIsBetter.get(metric.getKey()) ? "higher" : "lower",
                        group.getKey().isEmpty() ? "all" : group.getKey(), stats.getN(), stats.getMean(),
                        stats.getN() > 1 ? stats.getStandardDeviation() : null, stats.getMin(), stats.getMax());
            }
        }
        List<String> labels = points.stream().map(Point::label).toList();
        List<String> columns = new ArrayList<>();
        columns.add("model / task / metric");
        columns.addAll(labels);
        TableBuilder perPoint = new TableBuilder("Every point's value", columns);
        for (var metric : values.entrySet()) {
            Map<String, Double> byLabel = new LinkedHashMap<>();
            metric.getValue().values().forEach(byLabel::putAll);
            List<Object> row = new ArrayList<>();
            row.add(metric.getKey());
            for (String label : labels) {
                row.add(byLabel.get(label));
            }
            perPoint.row(row);
        }
        List<Block> links = new ArrayList<>();
        for (Point point : points) {
            links.add(new Block.Link(point.label() + ": " + folder.relativize(point.folder()) + "/report.html",
                    folder.relativize(point.folder()).resolve("report.html").toString()));
        }
        Report report = new Report(title, "sweep", List.of(
                new Section("Sweep summary", List.of(new Block.Paragraph(points.size() + " points; a point's "
                        + "evaluation metrics come from its eval/<model>/metrics.json."), summary.build())),
                new Section("Points", List.of(perPoint.build())),
                new Section("Point reports", links)));
        return ReportWriter.write(report, folder);
    }

    /** The label without its seed assignment: the points of one group differ only in seed. */
    static String group(String label) {
        List<String> parts = new ArrayList<>();
        for (String part : label.split(",")) {
            if (!part.startsWith(SEED) && !part.isEmpty()) {
                parts.add(part);
            }
        }
        return String.join(",", parts);
    }
}
