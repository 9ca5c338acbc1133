package org.lmlab.eval.report.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lmlab.eval.report.doc.Block;
import org.lmlab.eval.report.doc.Report;
import org.lmlab.eval.report.doc.Section;
import org.lmlab.eval.report.doc.TableBuilder;
import org.lmlab.eval.report.read.RunFiles;
import org.lmlab.eval.report.render.Formats;

/**
 * An instruction fine-tune ({@code InstructJob}): the losses before and after, the first few
 * test responses beside their instruction and reference, the training curves and provenance.
 */
final class InstructReport implements RunKind {

    static final String RESPONSES = "instruction-data-with-response.json";

    /** How many responses the report shows. */
    static final int SAMPLES = 3;

    @Override
    public String name() {
        return "finetune-instruct";
    }

    @Override
    public boolean matches(Path dir) {
        return TrainingRun.holds(dir) && Files.isRegularFile(dir.resolve(RESPONSES));
    }

    @Override
    public Report report(Path dir) throws IOException {
        TrainingRun run = TrainingRun.read(dir);
        Path summaryFile = dir.resolve(ClassifyReport.SUMMARY);
        JsonNode summary = RunFiles.tree(summaryFile);
        Headline headline = new Headline();
        for (String when : List.of("loss_before", "loss_after")) {
            JsonNode losses = RunFiles.object(summary, when, summaryFile, "");
            String label = when.replace('_', ' ') + " (step " + losses.path("step").asText() + ")";
            headline.add("instruction", "train " + label, RunFiles.number(losses, "train", summaryFile, when), null, null, false);
            headline.add("instruction", "validation " + label, RunFiles.number(losses, "validation", summaryFile, when), null, null, false);
        }
        run.headline(headline);

        Path responsesFile = dir.resolve(RESPONSES);
        JsonNode responses = RunFiles.tree(responsesFile);
        if (!responses.isArray()) {
            throw new IOException(responsesFile + ": expected a JSON array of records");
        }
        List<Block> samples = new ArrayList<>();
        samples.add(new Block.Paragraph("The first " + Math.min(SAMPLES, responses.size()) + " of " + responses.size()
                + " test records (greedy decoding)."));
        for (int i = 0; i < Math.min(SAMPLES, responses.size()); i++) {
            JsonNode record = responses.get(i);
            TableBuilder table = new TableBuilder("Test record " + (i + 1), "part", "text");
            table.row("instruction", record.path("instruction").asText(""));
            if (!record.path("input").asText("").isEmpty()) {
                table.row("input", record.path("input").asText());
            }
            table.row("reference", record.path("output").asText(""));
            table.row("response", RunFiles.text(record, "model_response", responsesFile, "[" + i + "]"));
            samples.add(table.build());
        }
        TableBuilder settings = new TableBuilder("Fine-tuning settings (summary.json)", "field", "value");
        for (String field : List.of("model_source", "data", "format", "mask_prompt", "lora", "max_length")) {
            if (summary.has(field)) {
                settings.row(field, summary.get(field).asText());
            }
        }
        summary.path("parameters").fields().forEachRemaining(p -> settings.row("parameters " + p.getKey(), p.getValue().asLong()));
        double seconds = summary.path("training").path("seconds").asDouble(Double.NaN)
                + summary.path("generation").path("seconds").asDouble(0);
        Section provenance = new ProvenanceSection(dir).config(dir.resolve(TrainingRun.CONFIG))
                .fact("wall time", Double.isNaN(seconds) ? "not recorded"
                        : Formats.number(seconds) + " s training and generation (summary.json)")
                .build();
        return new Report("Instruction fine-tune " + dir.getFileName(), name(), List.of(
                new Section("Headline", List.of(headline.table())),
                new Section("Sample generations", samples),
                new Section("Settings", List.of(settings.build())),
                run.curves(""),
                provenance));
    }
}
