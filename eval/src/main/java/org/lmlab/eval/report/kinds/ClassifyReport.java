package org.lmlab.eval.report.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lmlab.eval.report.doc.Block;
import org.lmlab.eval.report.doc.Report;
import org.lmlab.eval.report.doc.Section;
import org.lmlab.eval.report.doc.TableBuilder;
import org.lmlab.eval.report.read.RunFiles;
import org.lmlab.eval.report.render.Formats;
import org.lmlab.eval.stats.McNemar;

/**
 * A classification fine-tune ({@code ClassifyJob}): test accuracy of the model and the baseline
 * with bootstrap intervals, McNemar's test between them over the same test items, accuracy per
 * split, both confusion matrices, the training curves and provenance (with the split files' SHA-256).
 */
final class ClassifyReport implements RunKind {

    static final String SUMMARY = "summary.json";
    static final String PREDICTIONS = "predictions-test.jsonl";
    static final String BASELINE = "predictions-test-baseline.jsonl";

    @Override
    public String name() {
        return "finetune-classify";
    }

    @Override
    public boolean matches(Path dir) {
        return TrainingRun.holds(dir) && Files.isRegularFile(dir.resolve(PREDICTIONS));
    }

    @Override
    public Report report(Path dir) throws IOException {
        TrainingRun run = TrainingRun.read(dir);
        Path summaryFile = dir.resolve(SUMMARY);
        JsonNode summary = RunFiles.tree(summaryFile);
        long seed = summary.has("seed") ? RunFiles.integer(summary, "seed", summaryFile, "") : 1234;
        List<String> labels = new ArrayList<>();
        RunFiles.array(summary, "labels", summaryFile, "").forEach(label -> labels.add(label.asText()));
        Predictions model = Predictions.read(dir.resolve(PREDICTIONS));
        Predictions baseline = Files.isRegularFile(dir.resolve(BASELINE)) ? Predictions.read(dir.resolve(BASELINE)) : null;

        Headline headline = new Headline();
        headline.add("test", "accuracy (model)", model.accuracy(), model.interval(seed), model.ids().size(), true);
        if (baseline != null) {
            headline.add("test", "accuracy (baseline)", baseline.accuracy(), baseline.interval(seed), baseline.ids().size(), true);
        }
        run.headline(headline);

        List<Block> blocks = new ArrayList<>();
        TableBuilder splits = new TableBuilder("Accuracy per split (summary.json)", "split", "model", "baseline");
        JsonNode accuracy = RunFiles.object(summary, "accuracy", summaryFile, "");
        JsonNode baseAccuracy = summary.path("baseline").path("accuracy");
        accuracy.fieldNames().forEachRemaining(split -> splits.row(split, accuracy.get(split).asDouble(),
                baseAccuracy.has(split) ? baseAccuracy.get(split).asDouble() : null));
        blocks.add(splits.build());
        blocks.add(model.confusion("Confusion matrix, model (test)", labels));
        if (baseline != null) {
            blocks.add(baseline.confusion("Confusion matrix, baseline (test)", labels));
            blocks.add(new Block.Paragraph(mcnemar(model, baseline)));
            blocks.add(new Block.Paragraph("Baseline: " + summary.path("baseline").path("description").asText("not described")));
        }
        TableBuilder settings = new TableBuilder("Fine-tuning settings (summary.json)", "field", "value");
        for (String field : List.of("model_source", "data", "train_policy", "trainable_parameters", "steps", "epochs", "lr",
                "batch", "max_length")) {
            if (summary.has(field)) {
                settings.row(field, summary.get(field).isNumber() ? (Object) summary.get(field).numberValue() : summary.get(field).asText());
            }
        }
        blocks.add(settings.build());
        ProvenanceSection provenance = new ProvenanceSection(dir).config(dir.resolve(TrainingRun.CONFIG));
        if (Files.isRegularFile(dir.resolve("data/splits.json"))) {
            provenance.config(dir.resolve("data/splits.json"));
        }
        provenance.fact("wall time", summary.has("seconds") ? Formats.number(summary.get("seconds").asDouble()) + " s (summary.json)"
                : "not recorded");
        return new Report("Classification fine-tune " + dir.getFileName(), name(), List.of(
                new Section("Headline", List.of(headline.table())),
                new Section("Classification", blocks),
                run.curves(""),
                provenance.build()));
    }

    /** McNemar's exact test between model and baseline on the test items both predicted (paired by id). */
    static String mcnemar(Predictions model, Predictions baseline) {
        Map<String, Boolean> a = model.byId();
        Map<String, Boolean> b = baseline.byId();
        int onlyModel = 0;
        int onlyBaseline = 0;
        int paired = 0;
        for (Map.Entry<String, Boolean> entry : a.entrySet()) {
            Boolean other = b.get(entry.getKey());
            if (other == null) {
                continue;
            }
            paired++;
            if (entry.getValue() && !other) {
                onlyModel++;
            } else if (!entry.getValue() && other) {
                onlyBaseline++;
            }
        }
        return "McNemar's exact test, model vs baseline on " + paired + " paired test items: " + onlyModel
                + " right only by the model, " + onlyBaseline + " only by the baseline, p " + pText(McNemar.exactP(onlyModel, onlyBaseline)) + ".";
    }

    private static String pText(double p) {
        String text = Formats.pValue(p);
        return text.startsWith("<") ? text.replace("<", "< ") : "= " + text;
    }
}
