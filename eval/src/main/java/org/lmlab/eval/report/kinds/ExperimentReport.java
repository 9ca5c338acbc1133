package org.lmlab.eval.report.kinds;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lmlab.eval.metric.MetricValue;
import org.lmlab.eval.report.LabelledRun;
import org.lmlab.eval.report.ReportWriter;
import org.lmlab.eval.report.doc.Block;
import org.lmlab.eval.report.doc.Report;
import org.lmlab.eval.report.doc.Section;
import org.lmlab.eval.report.doc.TableBuilder;
import org.lmlab.eval.report.read.EvalRun;
import org.lmlab.eval.report.read.TaskResult;
import org.lmlab.eval.report.render.Formats;

/**
 * An experiment runner's folder ({@code experiment.yaml} with {@code pretrain/<model>/},
 * {@code finetune/<model>/} and {@code eval/<model>/} runs): each stage run gets its own report,
 * linked from a table of the stages' key numbers, followed by the comparison of the eval runs
 * (the first, in name order, is the baseline).
 */
final class ExperimentReport implements RunKind {

    static final String FILE = "experiment.yaml";
    static final List<String> STAGES = List.of("pretrain", "finetune", "eval");

    @Override
    public String name() {
        return "experiment";
    }

    @Override
    public boolean matches(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    @Override
    public Report report(Path dir) throws IOException {
        TableBuilder stages = new TableBuilder("", "stage", "run", "kind", "key numbers", "report");
        List<LabelledRun> evals = new ArrayList<>();
        for (String stage : STAGES) {
            for (Path run : runs(dir.resolve(stage))) {
                RunKind kind = RunKinds.detect(run);
                ReportWriter.write(kind.report(run), run);
                String relative = dir.relativize(run).toString().replace('\\', '/');
                stages.row(stage, run.getFileName().toString(), kind.name(), keyNumbers(run),
                        new Block.Link(relative + "/report.html", relative + "/report.html"));
                if (stage.equals("eval")) {
                    evals.add(new LabelledRun(run.getFileName().toString(), run));
                }
            }
        }
        List<Section> sections = new ArrayList<>();
        List<Block> overview = new ArrayList<>();
        if (stages.isEmpty()) {
            overview.add(new Block.Paragraph("No stage has run yet (no run under pretrain/, finetune/ or eval/)."));
        } else {
            overview.add(stages.build());
        }
        sections.add(new Section("Stages", overview));
        if (evals.size() >= 2) {
            List<Section> comparison = Comparison.sections(evals);
            sections.addAll(comparison.subList(1, comparison.size()));
        } else if (evals.size() == 1) {
            sections.add(new Section("Evaluation", List.of(new Block.Paragraph("One eval run: see its report; nothing to compare."))));
        }
        sections.add(new ProvenanceSection(dir).config(dir.resolve(FILE)).build());
        return new Report("Experiment " + dir.getFileName(), name(), sections);
    }

    /** A stage's run folders, in name order. */
    private static List<Path> runs(Path stage) throws IOException {
        List<Path> runs = new ArrayList<>();
        if (!Files.isDirectory(stage)) {
            return runs;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(stage)) {
            for (Path child : children) {
                if (RunKinds.isRun(child)) {
                    runs.add(child);
                }
            }
        }
        runs.sort(null);
        return runs;
    }

    /** One line of a run's key numbers: an eval run's headline metrics, a training run's final validation loss. */
    static String keyNumbers(Path run) throws IOException {
        List<String> parts = new ArrayList<>();
        if (EvalRun.holds(run)) {
            for (TaskResult task : EvalRun.read(run).tasks().values()) {
                for (MetricValue metric : task.metrics()) {
                    parts.add(task.name() + " " + metric.name() + " " + Formats.number(metric.value()));
                }
            }
        } else if (TrainingRun.holds(run)) {
            TrainingRun training = TrainingRun.read(run);
            double[] val = training.history().last("val");
            if (val != null) {
                parts.add("val loss " + Formats.number(val[1]) + " at step " + (long) val[0]);
            }
            double[] test = training.history().last("test");
            if (test != null && training.history().lastMetrics().getOrDefault("test", java.util.Map.of()).containsKey("accuracy")) {
                parts.add("test accuracy " + Formats.number(training.history().lastMetrics().get("test").get("accuracy")));
            }
        }
        return parts.isEmpty() ? "–" : String.join("; ", parts);
    }
}
