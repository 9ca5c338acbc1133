package org.lmlab.eval.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports of each run kind, on hand-written run directories: the numbers they must show, same bytes twice, bad input. */
class ReportWriterTest {

    @TempDir
    Path temp;

    @Test
    void evalReportShowsEveryTaskWithHandComputedNumbers() throws IOException {
        Path run = RunFixtures.causalEval(temp.resolve("eval"), "/models/gpt", new int[] {1, 1, 0, 1, 0, 0}, new double[] {20, 40, 60, 80});
        ReportWriter.write(run);
        ReportJson report = ReportJson.read(run);
        assertEquals("eval", report.root().get("kind").asText());
        JsonNode headline = report.table("Headline", 1);
        assertEquals(0.5, ReportJson.row(headline, "blimp", "accuracy").get(2).asDouble(), 1e-12);
        assertEquals(Math.exp(2), ReportJson.row(headline, "perplexity", "perplexity").get(2).asDouble(), 1e-9);
        assertEquals("↓ lower", ReportJson.row(headline, "perplexity", "perplexity").get(5).asText());
        assertEquals(0.6, ReportJson.row(headline, "classification", "accuracy").get(2).asDouble(), 1e-12);
        assertEquals(0.25, ReportJson.row(headline, "instructions", "exact_match").get(2).asDouble(), 1e-12);
        assertEquals(0.375, ReportJson.row(headline, "instructions", "rouge_l").get(2).asDouble(), 1e-12);

        JsonNode category = report.table("Task blimp", "By category");
        assertEquals(List.of("category", "n", "accuracy", "gpt2 (reference)", "5-gram (reference)"),
                texts(category.get("columns")));
        JsonNode agr = ReportJson.row(category, "agr");
        assertEquals(3, agr.get(1).asLong());
        assertEquals(2.0 / 3, agr.get(2).asDouble(), 1e-12);
        assertEquals(0.9, agr.get(3).asDouble(), 1e-12);
        assertEquals(0.5, ReportJson.row(category, "island").get(4).asDouble(), 1e-12);
        assertEquals(1.0 / 3, ReportJson.row(category, "island").get(2).asDouble(), 1e-12);
        assertEquals(3, report.table("Task blimp", "By paradigm").get("rows").size());
        assertTrue(Files.isRegularFile(run.resolve("report-plots/blimp-category.png")));

        JsonNode confusion = report.table("Task classification", "Confusion matrix");
        assertEquals(List.of(1L, 1L), List.of(ReportJson.row(confusion, "ham").get(1).asLong(), ReportJson.row(confusion, "ham").get(2).asLong()));
        assertEquals(List.of(1L, 2L), List.of(ReportJson.row(confusion, "spam").get(1).asLong(), ReportJson.row(confusion, "spam").get(2).asLong()));

        JsonNode sample = report.table("Task instructions", "Sample test/1");
        assertEquals("Did 1", ReportJson.row(sample, "response").get(1).asText());
        assertEquals("Done 1", ReportJson.row(sample, "reference").get(1).asText());
        assertThrows(AssertionError.class, () -> report.table("Task instructions", "Sample test/3"), "only three samples");
        assertTrue(report.text("Task perplexity").contains("word-level numbers use 'words'"));

        JsonNode provenance = report.table("Provenance", 0);
        assertEquals("0123456789abcdef0123456789abcdef01234567 (dirty: uncommitted changes)",
                ReportJson.row(provenance, "git commit").get(1).asText());
        assertEquals(RunFixtureHashes.sha256(run.resolve("eval.json")), ReportJson.row(provenance, "config eval.json SHA-256").get(1).asText());
        assertEquals("1.5000 s (status.json)", ReportJson.row(provenance, "wall time blimp").get(1).asText());
        assertEquals("1234", ReportJson.row(provenance, "seed eval.json: seed").get(1).asText());

        String html = Files.readString(run.resolve("report.html"));
        assertFalse(html.contains("<script"), "no JavaScript");
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:|//).*"), "no external resource");
        assertTrue(html.contains("src=\"data:image/png;base64,"));
        assertTrue(Files.readString(run.resolve("report.md")).contains("![blimp accuracy by category beside the reference models]"
                + "(report-plots/blimp-category.png)"));
    }

    @Test
    void regeneratingAReportGivesTheSameBytes() throws IOException {
        for (Path run : List.of(
                RunFixtures.causalEval(temp.resolve("eval"), "/models/gpt", new int[] {1, 0, 0, 1, 1, 0}, new double[] {5, 9, 14, 30}),
                RunFixtures.training(temp.resolve("train"), 4e-4, true),
                RunFixtures.classify(temp.resolve("classify")),
                RunFixtures.instruct(temp.resolve("instruct")))) {
            ReportWriter.write(run);
            Map<String, byte[]> first = files(run);
            ReportWriter.write(run);
            Map<String, byte[]> second = files(run);
            assertEquals(first.keySet(), second.keySet(), run.toString());
            assertTrue(first.keySet().containsAll(List.of("report.md", "report.html", "report.json")), first.keySet().toString());
            assertTrue(first.keySet().stream().anyMatch(name -> name.endsWith(".png")), first.keySet().toString());
            first.forEach((name, bytes) -> assertArrayEquals(bytes, second.get(name), run + ": " + name));
        }
    }

    @Test
    void trainingReportShowsTheLossesTokensAndCurves() throws IOException {
        Path run = RunFixtures.training(temp.resolve("train"), 4e-4, false);
        ReportWriter.write(run);
        ReportJson report = ReportJson.read(run);
        assertEquals("pretrain", report.root().get("kind").asText());
        JsonNode headline = report.table("Headline", 0);
        assertEquals(2.6, ReportJson.row(headline, "training", "final val loss (step 4)").get(2).asDouble(), 1e-12);
        assertEquals(2.5, ReportJson.row(headline, "training", "best val loss (step 2)").get(2).asDouble(), 1e-12);
        assertEquals(2.4, ReportJson.row(headline, "training", "final train loss (step 4, one batch)").get(2).asDouble(), 1e-12);
        assertEquals(4 * 2 * 8, ReportJson.row(headline, "training", "tokens trained").get(2).asLong());
        assertTrue(Files.isRegularFile(run.resolve("report-plots/loss.png")));
        assertTrue(Files.isRegularFile(run.resolve("report-plots/lr.png")));
        JsonNode provenance = report.table("Provenance", 0);
        assertEquals("not recorded (the run predates it)", ReportJson.row(provenance, "provenance.json").get(1).asText());
        assertEquals("ab".repeat(32), ReportJson.row(provenance, "data SHA-256 train.json: data_fingerprint").get(1).asText());
        assertEquals("123", ReportJson.row(provenance, "seed train.json: train.seed").get(1).asText());
    }

    @Test
    void classificationReportHasBothAccuraciesTheConfusionMatricesAndMcNemar() throws IOException {
        Path run = RunFixtures.classify(temp.resolve("classify"));
        ReportWriter.write(run);
        ReportJson report = ReportJson.read(run);
        JsonNode headline = report.table("Headline", 0);
        assertEquals(0.25, ReportJson.row(headline, "test", "accuracy (model)").get(2).asDouble(), 1e-12);
        assertEquals(1.0, ReportJson.row(headline, "test", "accuracy (baseline)").get(2).asDouble(), 1e-12);
        assertEquals("[1.0000, 1.0000]", ReportJson.row(headline, "test", "accuracy (baseline)").get(3).asText());
        JsonNode confusion = report.table("Classification", "Confusion matrix, model (test)");
        assertEquals(1, ReportJson.row(confusion, "ham").get(1).asLong());
        assertEquals(1, ReportJson.row(confusion, "ham").get(2).asLong());
        assertEquals(2, ReportJson.row(confusion, "spam").get(1).asLong());
        assertEquals(0, ReportJson.row(confusion, "spam").get(2).asLong());
        // 0 items right only by the model, 3 only by the baseline: p = 2 * (1/2)^3
        assertTrue(report.text("Classification").contains("0 right only by the model, 3 only by the baseline, p = 0.2500."),
                report.text("Classification"));
        JsonNode provenance = report.table("Provenance", 0);
        assertEquals("cd".repeat(32), ReportJson.row(provenance, "data SHA-256 data/splits.json: source_sha256").get(1).asText());
        assertEquals("12.5000 s (summary.json)", ReportJson.row(provenance, "wall time").get(1).asText());
    }

    @Test
    void instructionReportShowsLossesAndTheFirstThreeResponses() throws IOException {
        Path run = RunFixtures.instruct(temp.resolve("instruct"));
        ReportWriter.write(run);
        ReportJson report = ReportJson.read(run);
        JsonNode headline = report.table("Headline", 0);
        assertEquals(1.5, ReportJson.row(headline, "instruction", "validation loss after (step 4)").get(2).asDouble(), 1e-12);
        assertEquals(3.5, ReportJson.row(headline, "instruction", "train loss before (step 0)").get(2).asDouble(), 1e-12);
        JsonNode second = report.table("Sample generations", "Test record 2");
        assertEquals("in <b>2</b>", ReportJson.row(second, "input").get(1).asText());
        assertEquals("Response 2", ReportJson.row(second, "response").get(1).asText());
        assertThrows(AssertionError.class, () -> report.table("Sample generations", "Test record 4"));
        assertTrue(Files.readString(run.resolve("report.html")).contains("in &lt;b&gt;2&lt;/b&gt;"), "HTML escaped");
    }

    @Test
    void badInputFailsWithOneLineNamingTheFileAndWritesNothing() throws IOException {
        Path notRun = Files.createDirectories(temp.resolve("plain"));
        Files.writeString(notRun.resolve("notes.txt"), "hello");
        IllegalArgumentException notARun = assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(notRun));
        assertEquals(notRun + " is not an lmlab run (no train.json, eval.json or experiment.yaml)", notARun.getMessage());

        Path broken = RunFixtures.causalEval(temp.resolve("broken"), "/m", new int[] {1, 0, 1, 1, 0, 1}, new double[] {1, 2, 3, 4});
        String metrics = Files.readString(broken.resolve("metrics.json"));
        Files.writeString(broken.resolve("metrics.json"), metrics.replaceFirst("\"value\" : [0-9.]+", "\"value\" : \"high\""));
        IOException field = assertThrows(IOException.class, () -> ReportWriter.write(broken));
        assertEquals(broken.resolve("metrics.json") + ": field tasks.blimp.metrics[0].value: expected a number, got \"high\"",
                field.getMessage());

        Path missing = RunFixtures.causalEval(temp.resolve("missing"), "/m", new int[] {1, 0, 1, 1, 0, 1}, new double[] {1, 2, 3, 4});
        Files.delete(missing.resolve("tasks/perplexity/results.jsonl"));
        IOException results = assertThrows(IOException.class, () -> ReportWriter.write(missing));
        assertTrue(results.getMessage().contains(missing.resolve("tasks/perplexity/results.jsonl").toString()), results.getMessage());
        for (Path dir : List.of(notRun, broken, missing)) {
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("report")), dir.toString());
            }
        }
    }

    @Test
    void aReportOnlyReplacesItsOwnFiles() throws IOException {
        Path run = RunFixtures.training(temp.resolve("train"), 4e-4, true);
        Map<String, byte[]> before = files(run);
        ReportWriter.write(run);
        Map<String, byte[]> after = files(run);
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
        after.keySet().stream().filter(name -> !before.containsKey(name))
                .forEach(name -> assertTrue(name.startsWith("report.") || name.startsWith("report-plots/"), name));
    }

    static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return out;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
