package org.lmlab.eval.report.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.lmlab.eval.metric.MetricValue;
import org.lmlab.eval.report.doc.Block;
import org.lmlab.eval.report.doc.Report;
import org.lmlab.eval.report.doc.Section;
import org.lmlab.eval.report.doc.TableBuilder;
import org.lmlab.eval.report.plot.Charts;
import org.lmlab.eval.report.read.EvalRun;
import org.lmlab.eval.report.read.ResultsFile;
import org.lmlab.eval.report.read.TaskResult;
import org.lmlab.eval.report.render.Formats;
import org.lmlab.eval.task.ItemResult;
import org.lmlab.layers.config.Json;

/**
 * An eval run ({@code EvalJob}): every task's metrics in the headline, then per task its metrics
 * with both intervals, its breakdowns (BLiMP's categories beside the published reference models,
 * with a bar plot), a confusion matrix for classification, the first responses for instruction
 * tasks, the task's notes and remaining extras; provenance last.
 */
public final class EvalReport implements RunKind {

    /** How many responses an instruction task shows. */
    static final int SAMPLES = 3;

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public boolean matches(Path dir) {
        return EvalRun.holds(dir);
    }

    @Override
    public Report report(Path dir) throws IOException {
        EvalRun run = EvalRun.read(dir);
        Headline headline = new Headline();
        List<Section> sections = new ArrayList<>();
        sections.add(null);
        TableBuilder model = new TableBuilder("", "field", "value");
        model.row("model", run.model());
        model.row("model kind", run.modelKind());
        model.row("seed", (long) run.seed());
        model.row("bootstrap resamples", (long) run.resamples());
        for (TaskResult task : run.tasks().values()) {
            List<ItemResult> items = ResultsFile.read(task.results());
            for (MetricValue metric : task.metrics()) {
                headline.add(task.name(), metric.name(), metric.value(), metric.ci(), metric.n(), metric.higherIsBetter());
            }
            sections.add(task(task, items));
        }
        sections.set(0, new Section("Headline", List.of(model.build(), headline.table())));
        ProvenanceSection provenance = new ProvenanceSection(dir).config(dir.resolve(EvalRun.CONFIG));
        JsonNode seconds = run.status().path("seconds");
        if (seconds.isObject()) {
            seconds.fields().forEachRemaining(f -> provenance.fact("wall time " + f.getKey(),
                    Formats.number(f.getValue().asDouble()) + " s (status.json)"));
        } else {
            provenance.fact("wall time", "not recorded");
        }
        if (run.status().has("started_at")) {
            provenance.fact("eval started at", run.status().path("started_at").asText());
        }
        sections.add(provenance.build());
        return new Report("Evaluation " + dir.getFileName(), name(), sections);
    }

    static Section task(TaskResult task, List<ItemResult> items) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Paragraph("Task type " + task.type() + ", version " + task.version() + ", " + task.items()
                + " items (" + items.size() + " in " + task.results().getFileName() + ")."));
        TableBuilder metrics = new TableBuilder("Metrics", "metric", "value", "bootstrap 95% CI", "normal 95% CI", "n", "better");
        for (MetricValue m : task.metrics()) {
            metrics.row(m.name(), m.value(), m.ci() == null ? null : Formats.interval(m.ci().low(), m.ci().high()),
                    m.normalCi() == null ? null : Formats.interval(m.normalCi().low(), m.normalCi().high()), (long) m.n(),
                    m.higherIsBetter() ? "↑ higher" : "↓ lower");
        }
        blocks.add(metrics.build());
        Map<String, Map<String, Double>> references = References.of(task.extras().get("references"));
        Iterator<Map.Entry<String, JsonNode>> keys = task.breakdowns().fields();
        while (keys.hasNext()) {
            Map.Entry<String, JsonNode> key = keys.next();
            breakdown(blocks, task, key.getKey(), key.getValue(), references);
        }
        confusion(items).ifPresent(blocks::add);
        samples(blocks, items);
        if (!task.notes().isEmpty()) {
            blocks.add(new Block.Bullets(task.notes()));
        }
        ObjectNode extras = task.extras().deepCopy();
        extras.remove("references");
        if (extras.size() > 0) {
            blocks.add(new Block.Code("Extras", new String(Json.bytes(Json.MAPPER, extras), java.nio.charset.StandardCharsets.UTF_8)));
        }
        return new Section("Task " + task.name(), blocks);
    }

    private static void breakdown(List<Block> blocks, TaskResult task, String key, JsonNode groups,
            Map<String, Map<String, Double>> references) {
        List<String> metricNames = new ArrayList<>();
        task.metrics().forEach(m -> metricNames.add(m.name()));
        boolean matched = false;
        for (Map<String, Double> reference : references.values()) {
            Iterator<String> names = groups.fieldNames();
            while (names.hasNext()) {
                matched |= reference.containsKey(names.next());
            }
        }
        boolean withReferences = matched;
        List<String> columns = new ArrayList<>();
        columns.add(key);
        columns.add("n");
        columns.addAll(metricNames);
        if (withReferences) {
            references.keySet().forEach(r -> columns.add(r + " (reference)"));
        }
        TableBuilder table = new TableBuilder("By " + key, columns);
        List<String> categories = new ArrayList<>();
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        String plotted = metricNames.contains("accuracy") ? "accuracy" : null;
        Map<String, Double> modelBars = new LinkedHashMap<>();
        groups.fields().forEachRemaining(group -> {
            List<Object> row = new ArrayList<>();
            row.add(group.getKey());
            row.add(group.getValue().path("n").isNumber() ? (Object) group.getValue().path("n").asLong() : null);
            for (String metric : metricNames) {
                JsonNode v = group.getValue().get(metric);
                row.add(v != null && v.isNumber() ? (Object) v.asDouble() : null);
            }
            categories.add(group.getKey());
            if (plotted != null && group.getValue().path(plotted).isNumber()) {
                modelBars.put(group.getKey(), group.getValue().path(plotted).asDouble());
            }
            if (withReferences) {
                references.values().forEach(reference -> row.add(reference.get(group.getKey())));
            }
            table.row(row);
        });
        blocks.add(table.build());
        if (withReferences && plotted != null && categories.size() <= 30) {
            bars.put("this model", modelBars);
            references.forEach((name, values) -> bars.put(name, values));
            blocks.add(new Block.Plot(slug(task.name()) + "-" + slug(key), task.name() + " " + plotted + " by " + key
                    + " beside the reference models",
                    Charts.bars(task.name() + ": " + plotted + " by " + key, plotted, categories, bars)));
        }
    }

    /** A confusion matrix when the items carry gold and predicted label texts (classification tasks). */
    static java.util.Optional<Block> confusion(List<ItemResult> items) {
        List<String> gold = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (ItemResult item : items) {
            String g = item.texts().get("gold");
            String p = item.texts().get("prediction");
            if (g == null || p == null) {
                return java.util.Optional.empty();
            }
            gold.add(g);
            predicted.add(p);
        }
        if (gold.isEmpty()) {
            return java.util.Optional.empty();
        }
        TreeSet<String> labels = new TreeSet<>(gold);
        labels.addAll(predicted);
        return java.util.Optional.of(Predictions.confusion("Confusion matrix", new ArrayList<>(labels), gold, predicted));
    }

    private static void samples(List<Block> blocks, List<ItemResult> items) {
        int shown = 0;
        for (ItemResult item : items) {
            if (shown == SAMPLES) {
                break;
            }
            String response = item.texts().get("response");
            if (response == null) {
                continue;
            }
            TableBuilder table = new TableBuilder("Sample " + item.id(), "part", "text");
            table.row("instruction", item.texts().getOrDefault("instruction", ""));
            if (item.texts().containsKey("input") && !item.texts().get("input").isEmpty()) {
                table.row("input", item.texts().get("input"));
            }
            table.row("reference", item.texts().getOrDefault("reference", ""));
            table.row("response", response);
            new java.util.TreeMap<>(item.values()).forEach((k, v) -> table.row(k, v));
            blocks.add(table.build());
            shown++;
        }
    }

    static String slug(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
