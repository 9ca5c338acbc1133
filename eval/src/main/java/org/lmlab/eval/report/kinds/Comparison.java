package org.lmlab.eval.report.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lmlab.eval.metric.MetricSpec;
import org.lmlab.eval.metric.MetricValue;
import org.lmlab.eval.report.LabelledRun;
import org.lmlab.eval.report.compare.PairedTest;
import org.lmlab.eval.report.doc.Block;
import org.lmlab.eval.report.doc.Report;
import org.lmlab.eval.report.doc.Section;
import org.lmlab.eval.report.doc.TableBuilder;
import org.lmlab.eval.report.plot.Charts;
import org.lmlab.eval.report.plot.Series;
import org.lmlab.eval.report.read.ConfigTrees;
import org.lmlab.eval.report.read.EvalRun;
import org.lmlab.eval.report.read.ResultsFile;
import org.lmlab.eval.report.read.RunFiles;
import org.lmlab.eval.report.read.TaskResult;
import org.lmlab.eval.report.render.Formats;
import org.lmlab.eval.task.ItemResult;

/**
 * Runs side by side: for eval runs, each task's metrics per run with intervals and the paired
 * tests of every run against the first (items paired by id, the unpaired left out and counted;
 * metrics only some runs have listed as such, so a GPT's perplexity and a BERT's
 * pseudo-perplexity never share a row); the training runs' key losses and their loss curves
 * overlaid (for an eval run, the pretraining run its model came from, when it is
 * {@code RUN/model}); and the differences between the runs' configs, path by path.
 */
public final class Comparison {

    private Comparison() {
    }

    /** The comparison report of {@code runs}, the first being the baseline. */
    public static Report report(List<LabelledRun> runs, String title) throws IOException {
        return new Report(title + " of " + runs.size() + " runs", "compare", sections(runs));
    }

    static List<Section> sections(List<LabelledRun> runs) throws IOException {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two runs, got " + runs.size());
        }
        Set<String> labels = new LinkedHashSet<>();
        for (LabelledRun run : runs) {
            if (!labels.add(run.label())) {
                throw new IllegalArgumentException("two runs are labelled '" + run.label() + "'; give each a different --label");
            }
            RunKinds.detect(run.dir());
        }
        List<Section> sections = new ArrayList<>();
        TableBuilder list = new TableBuilder("", "label", "run", "kind");
        for (LabelledRun run : runs) {
            list.row(run.label(), run.dir().toString(), RunKinds.detect(run.dir()).name());
        }
        sections.add(new Section("Runs", List.of(list.build(),
                new Block.Paragraph("The first run (" + runs.get(0).label() + ") is the baseline of every paired test."))));
        Map<String, EvalRun> evals = new LinkedHashMap<>();
        for (LabelledRun run : runs) {
            if (EvalRun.holds(run.dir())) {
                evals.put(run.label(), EvalRun.read(run.dir()));
            }
        }
        if (!evals.isEmpty()) {
            sections.addAll(evalSections(evals));
        }
        Section training = training(runs);
        if (training != null) {
            sections.add(training);
        }
        sections.add(configDifferences(runs));
        return sections;
    }

    private static List<Section> evalSections(Map<String, EvalRun> evals) throws IOException {
        List<String> labels = new ArrayList<>(evals.keySet());
        EvalRun baseline = evals.get(labels.get(0));
        Set<String> taskNames = new LinkedHashSet<>();
        evals.values().forEach(run -> taskNames.addAll(run.tasks().keySet()));
        List<Section> sections = new ArrayList<>();
        Map<Path, List<ItemResult>> cache = new HashMap<>();
        for (String taskName : taskNames) {
            List<Block> blocks = new ArrayList<>();
            Set<String> metricNames = new LinkedHashSet<>();
            evals.values().forEach(run -> {
                TaskResult task = run.tasks().get(taskName);
                if (task != null) {
                    task.metrics().forEach(m -> metricNames.add(m.name()));
                }
            });
            TableBuilder table = new TableBuilder("", "metric", "run", "value", "95% CI", "n", "Δ vs " + labels.get(0),
                    "p McNemar", "p paired bootstrap", "p signed-rank", "paired items", "left out");
            List<String> partial = new ArrayList<>();
            for (String metricName : metricNames) {
                List<String> having = new ArrayList<>();
                for (String label : labels) {
                    TaskResult task = evals.get(label).tasks().get(taskName);
                    if (task != null && task.metric(metricName) != null) {
                        having.add(label);
                    }
                }
                if (having.size() < labels.size()) {
                    partial.add(metricName + ": only " + String.join(", ", having));
                }
                TaskResult baseTask = baseline.tasks().get(taskName);
                MetricValue baseMetric = baseTask == null ? null : baseTask.metric(metricName);
                for (String label : having) {
                    TaskResult task = evals.get(label).tasks().get(taskName);
                    MetricValue metric = task.metric(metricName);
                    List<Object> row = new ArrayList<>(List.of(metricName, label));
                    row.add(metric.value());
                    row.add(metric.ci() == null ? null : Formats.interval(metric.ci().low(), metric.ci().high()));
                    row.add((long) metric.n());
                    if (label.equals(labels.get(0)) || baseMetric == null) {
                        row.addAll(java.util.Arrays.asList(null, null, null, null, null, null));
                    } else {
                        MetricSpec spec = new MetricSpec(metricName, metric.higherIsBetter(), metric.aggregation());
                        PairedTest test = PairedTest.of(spec, items(cache, baseTask), items(cache, task),
                                baseline.resamples(), baseline.seed());
                        row.add(metric.value() - baseMetric.value());
                        row.add(test.mcnemar() == null ? null : Formats.pValue(test.mcnemar()));
                        row.add(test.bootstrap() == null ? null : Formats.pValue(test.bootstrap()));
                        row.add(test.signedRank() == null ? null : Formats.pValue(test.signedRank()));
                        row.add((long) test.paired());
                        row.add((long) test.leftOut());
                    }
                    table.row(row);
                }
            }
            blocks.add(table.build());
            if (!partial.isEmpty()) {
                List<String> lines = new ArrayList<>();
                partial.forEach(p -> lines.add("metric " + p + " (not compared with runs that lack it)"));
                blocks.add(new Block.Bullets(lines));
            }
            sections.add(new Section("Task " + taskName, blocks));
        }
        return sections;
    }

    private static List<ItemResult> items(Map<Path, List<ItemResult>> cache, TaskResult task) throws IOException {
        List<ItemResult> items = cache.get(task.results());
        if (items == null) {
            items = ResultsFile.read(task.results());
            cache.put(task.results(), items);
        }
        return items;
    }

    /** The training run behind a run: itself, or for an eval run the run whose model/ it evaluated. */
    static Path trainingRun(Path dir) throws IOException {
        if (TrainingRun.holds(dir)) {
            return dir;
        }
        if (EvalRun.holds(dir) && Files.isRegularFile(dir.resolve(EvalRun.METRICS))) {
            JsonNode metrics = RunFiles.tree(dir.resolve(EvalRun.METRICS));
            Path model = Path.of(metrics.path("model").asText("."));
            Path parent = model.getParent();
            if (parent != null && TrainingRun.holds(parent) && Files.isRegularFile(parent.resolve("metrics.jsonl"))) {
                return parent;
            }
        }
        return null;
    }

    private static Section training(List<LabelledRun> runs) throws IOException {
        TableBuilder table = new TableBuilder("", "run", "training run", "final val loss", "best val loss", "best at step",
                "final train_eval loss", "tokens trained");
        List<Series> val = new ArrayList<>();
        List<Series> train = new ArrayList<>();
        for (LabelledRun run : runs) {
            Path dir = trainingRun(run.dir());
            if (dir == null) {
                continue;
            }
            TrainingRun training = TrainingRun.read(dir);
            double[] last = training.history().last("val");
            double[] best = training.history().best("val");
            double[] trainEval = training.history().last("train_eval");
            table.row(run.label(), dir.toString(), last == null ? null : last[1], best == null ? null : best[1],
                    best == null ? null : (long) best[0], trainEval == null ? null : trainEval[1], training.tokens());
            if (!training.history().split("val").isEmpty()) {
                val.add(new Series(run.label() + " val", training.history().split("val")));
            }
            if (!training.history().split("train").isEmpty()) {
                train.add(new Series(run.label() + " train", training.history().split("train")));
            }
        }
        if (table.isEmpty()) {
            return null;
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(table.build());
        if (!val.isEmpty()) {
            blocks.add(new Block.Plot("compare-val-loss", "Validation loss vs step, runs overlaid",
                    Charts.lines("Validation loss", "step", "loss", val, false)));
        }
        if (!train.isEmpty()) {
            blocks.add(new Block.Plot("compare-train-loss", "Training loss vs step (one batch per step), runs overlaid",
                    Charts.lines("Training loss", "step", "loss", train, false)));
        }
        return new Section("Training", blocks);
    }

    /** The config files a run's settings are in. */
    static List<Path> configFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        for (String name : List.of("experiment.yaml", "train.json", "eval.json")) {
            if (Files.isRegularFile(dir.resolve(name))) {
                files.add(dir.resolve(name));
            }
        }
        return files;
    }

    private static Section configDifferences(List<LabelledRun> runs) throws IOException {
        List<Map<String, String>> flat = new ArrayList<>();
        Set<String> paths = new java.util.TreeSet<>();
        for (LabelledRun run : runs) {
            Map<String, String> values = new TreeMap<>();
            for (Path file : configFiles(run.dir())) {
                String prefix = file.getFileName().toString() + ":";
                ConfigTrees.flatten(RunFiles.tree(file)).forEach((path, value) -> values.put(prefix + path, value));
            }
            flat.add(values);
            paths.addAll(values.keySet());
        }
        List<String> columns = new ArrayList<>(List.of("path"));
        runs.forEach(run -> columns.add(run.label()));
        TableBuilder table = new TableBuilder("", columns);
        for (String path : paths) {
            Set<String> distinct = new LinkedHashSet<>();
            flat.forEach(values -> distinct.add(values.getOrDefault(path, "\u0000absent")));
            if (distinct.size() > 1) {
                List<Object> row = new ArrayList<>(List.of(path));
                flat.forEach(values -> row.add(values.getOrDefault(path, "(absent)")));
                table.row(row);
            }
        }
        List<Block> blocks = new ArrayList<>();
        if (table.isEmpty()) {
            blocks.add(new Block.Paragraph("The runs' configs are identical."));
        } else {
            blocks.add(new Block.Paragraph("Config paths whose values differ between the runs (file:dotted.path)."));
            blocks.add(table.build());
        }
        return new Section("Config differences", blocks);
    }
}
