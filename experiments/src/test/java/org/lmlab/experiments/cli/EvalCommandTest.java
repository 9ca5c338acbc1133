package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.config.Json;

/** {@code lmlab eval} in-process on the micro GPT: a whole run, its table, and bad input as one line with exit 2. */
class EvalCommandTest {

    @TempDir
    static Path directory;

    private static Path model;
    private static Path blimp;
    private static Path text;

    @BeforeAll
    static void setUp() throws IOException {
        model = MicroGpt.save(Files.createDirectories(directory.resolve("model")));
        blimp = Files.createDirectories(directory.resolve("blimp"));
        Files.writeString(blimp.resolve("agreement.jsonl"), """
                {"sentence_good": "The cats sleep.", "sentence_bad": "The cats sleeps.", "UID": "agreement", "linguistics_term": "subject_verb_agreement", "pairID": "0"}
                {"sentence_good": "A dog barks.", "sentence_bad": "A dog bark.", "UID": "agreement", "linguistics_term": "subject_verb_agreement", "pairID": "1"}
                {"sentence_good": "She saw herself.", "sentence_bad": "She saw himself.", "UID": "agreement", "linguistics_term": "anaphor_agreement", "pairID": "2"}
                """);
        text = Files.writeString(directory.resolve("text.txt"), " = One = \n The first article .\n = Two = \n And a second .\n");
    }

    @Test
    void evaluatesBlimpAndPerplexityAndPrintsTheirTables() throws IOException {
        Path out = directory.resolve("run");
        CliRun run = CliRun.of("eval", "--model", model.toString(), "--task", "blimp", "--task", "perplexity",
                "--set", "task.blimp.path=" + blimp, "--set", "task.blimp.per_paradigm=0", "--set", "task.perplexity.path=" + text,
                "--resamples", "50", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("eval blimp: 3/3 pairs"), run.out());
        assertTrue(run.out().contains("blimp: 3 pairs"), run.out());
        assertTrue(run.out().contains("perplexity: 2 documents"), run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.matches("  accuracy +\\d\\.\\d{4}   \\[\\d\\.\\d{4}, \\d\\.\\d{4}\\]")), run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("  bits_per_byte ")), run.out());
        assertTrue(run.out().strip().endsWith("metrics: " + out.toAbsolutePath().normalize().resolve("metrics.json")), run.out());
        assertTrue(run.out().contains("report: " + out.toAbsolutePath().normalize().resolve("report.html")), run.out());
        assertTrue(java.nio.file.Files.isRegularFile(out.resolve("report.md")), "the eval run gets its report");
        JsonNode metrics = Json.MAPPER.readTree(out.resolve("metrics.json").toFile());
        assertEquals(0, metrics.get("tasks").get("blimp").get("config").get("per_paradigm").asInt());
        assertEquals(3, metrics.get("tasks").get("blimp").get("items").asInt());
        assertEquals(50, metrics.get("tasks").get("perplexity").get("metrics").get(0).get("ci").get("resamples").asInt());
        JsonNode request = Json.MAPPER.readTree(out.resolve("eval.json").toFile());
        assertEquals(1234, request.get("seed").asInt());
        assertEquals(text.toString(), request.get("tasks").get(1).get("path").asText());
    }

    @Test
    void anUnknownTaskIsOneLineListingTheKnownOnes() {
        CliRun run = CliRun.of("eval", "--model", model.toString(), "--task", "blimpp", "--out", directory.resolve("x").toString());
        assertEquals(2, run.code());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("lmlab: --task: unknown type 'blimpp'; known: blimp, "), run.err());
        assertTrue(run.err().contains("multiple-choice, perplexity"), run.err());
    }

    @Test
    void aBadSetNamesThePath() {
        CliRun run = CliRun.of("eval", "--model", model.toString(), "--task", "blimp", "--set", "task.blimp.per_paradigm=-3",
                "--out", directory.resolve("y").toString());
        assertEquals(2, run.code());
        assertEquals(List.of("lmlab: --set: task.blimp.per_paradigm: must be 0 (every pair) or positive, got -3"), run.errLines());
        run = CliRun.of("eval", "--model", model.toString(), "--task", "blimp", "--set", "task.blimp.per_paradigmm=3",
                "--out", directory.resolve("y").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().startsWith("lmlab: --set: task.blimp.per_paradigmm: unknown key"), run.err());
        run = CliRun.of("eval", "--model", model.toString(), "--task", "blimp", "--set", "task.perplexity.max_documents=3",
                "--out", directory.resolve("y").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("'perplexity' is not a --task of this run"), run.err());
        assertFalse(Files.exists(directory.resolve("y")));
    }

    @Test
    void aBrokenBlimpLineIsOneLineNamingFileAndLine() throws IOException {
        Path broken = Files.createDirectories(directory.resolve("broken"));
        Files.writeString(broken.resolve("p.jsonl"), "{\"sentence_good\": \"A b.\", \"sentence_bad\": \"B a.\", \"UID\": \"p\","
                + " \"linguistics_term\": \"binding\"}\n{\"sentence_good\": \"A b.\", \"UID\": \"p\", \"linguistics_term\": \"binding\"}\n");
        Path out = directory.resolve("z");
        CliRun run = CliRun.of("eval", "--model", model.toString(), "--task", "blimp", "--set", "task.blimp.path=" + broken,
                "--out", out.toString());
        assertEquals(2, run.code());
        assertEquals(List.of("lmlab: " + broken.resolve("p.jsonl") + ":2: no \"sentence_bad\" field"), run.errLines());
        assertFalse(Files.exists(out), "nothing is written before every task is checked");
    }

    @Test
    void anEmptyTextFileIsOneLineNamingIt() throws IOException {
        Path empty = Files.writeString(directory.resolve("empty.txt"), "");
        CliRun run = CliRun.of("eval", "--model", model.toString(), "--task", "perplexity", "--set", "task.perplexity.path=" + empty,
                "--out", directory.resolve("w").toString());
        assertEquals(2, run.code());
        assertEquals(List.of("lmlab: " + empty + ": empty text file (nothing to score)"), run.errLines());
    }
}
