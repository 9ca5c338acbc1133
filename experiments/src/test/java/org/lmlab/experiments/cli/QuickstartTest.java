package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.config.Json;
import org.lmlab.training.data.TokenCache;

/**
 * The bundled quickstart, shrunk with {@code --set} to micro models and a few steps, end to end
 * through {@code lmlab run}: a tokenizer, two pretrainings, two fine-tunes, two evaluations and
 * the report; run again with {@code --fresh} it gives the same metrics and the same report
 * numbers bit for bit, and run a third time it reuses every stage.
 */
class QuickstartTest {

    @TempDir
    static Path temp;

    @BeforeAll
    static void cache() {
        System.setProperty(TokenCache.DIRECTORY_PROPERTY, temp.resolve("cache").toString());
    }

    @AfterAll
    static void forget() {
        System.clearProperty(TokenCache.DIRECTORY_PROPERTY);
    }

    private static String[] shrunk(String... more) throws IOException {
        Path corpus = temp.resolve("verdict.txt");
        if (!Files.exists(corpus)) {
            Files.copy(Path.of(System.getProperty("lmlab.root"), "data", "the-verdict.txt"), corpus);
        }
        List<String> args = new ArrayList<>(List.of("run", "--set", "runs_root=" + temp.resolve("runs"),
                "--set", "tokenizer.train.vocab_size=300", "--set", "tokenizer.train.data=" + corpus,
                "--set", "pretrain.data.path=" + corpus, "--set", "pretrain.context=16",
                "--set", "pretrain.train.steps=4", "--set", "pretrain.train.batch_size=4", "--set", "pretrain.train.eval_every=2",
                "--set", "pretrain.train.schedule={peak_lr: 1.0e-3, warmup_steps: 1, floor_lr: 1.0e-4}",
                "--set", "finetune.classify.epochs=0", "--set", "finetune.classify.steps=3", "--set", "finetune.classify.batch=4",
                "--set", "finetune.classify.max_length=16",
                "--set", "eval.tasks=[{type: perplexity, max_tokens: 200}, {type: blimp, per_paradigm: 1}, classification]",
                "--set", "eval.resamples=100"));
        for (String model : List.of("gpt", "bert")) {
            for (String set : List.of("width=32", "layers=1", "positions.max_positions=128", "block.attention.heads=2",
                    "block.feed_forward.hidden=64")) {
                args.add("--set");
                args.add("models." + model + ".model." + set);
            }
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static Path runFolder(CliRun run) {
        String line = run.out().lines().filter(l -> l.startsWith("done: ")).findFirst().orElseThrow(() -> new AssertionError(run.out() + run.err()));
        return Path.of(line.substring("done: ".length()));
    }

    /** The report's numbers: report.json without its provenance section (which records when and where it ran). */
    private static JsonNode reportNumbers(Path folder) throws IOException {
        JsonNode report = Json.readTree(Json.MAPPER, folder.resolve("report.json"));
        var sections = new ArrayList<JsonNode>();
        report.path("sections").forEach(section -> {
            if (!section.path("title").asText().toLowerCase(java.util.Locale.ROOT).contains("provenance")) {
                sections.add(section);
            }
        });
        return Json.MAPPER.valueToTree(sections);
    }

    @Test
    void theShrunkenQuickstartRunsEndToEndReproduciblyAndIsReusedTheSecondTime() throws IOException {
        CliRun first = CliRun.of(shrunk());
        assertEquals(0, first.code(), first.out() + first.err());
        Path folder = runFolder(first);
        assertTrue(first.out().contains("report: " + folder.resolve("report.html")), first.out());
        for (String stage : List.of("tokenizer", "pretrain/gpt", "pretrain/bert", "finetune/gpt", "finetune/bert", "eval/gpt", "eval/bert",
                "eval/tribuo-baseline")) {
            assertTrue(Files.isRegularFile(folder.resolve(stage).resolve("stage.json")), stage);
        }
        byte[] gptMetrics = Files.readAllBytes(folder.resolve("eval/gpt/metrics.json"));
        byte[] bertMetrics = Files.readAllBytes(folder.resolve("eval/bert/metrics.json"));
        JsonNode gpt = Json.readTree(Json.MAPPER, folder.resolve("eval/gpt/metrics.json")).path("tasks");
        assertEquals(67, gpt.path("blimp").path("items").asInt(), "one pair per paradigm");
        assertTrue(gpt.path("perplexity").path("metrics").get(0).path("name").asText().equals("perplexity"));
        JsonNode bert = Json.readTree(Json.MAPPER, folder.resolve("eval/bert/metrics.json")).path("tasks");
        assertEquals("pseudo_perplexity", bert.path("perplexity").path("metrics").get(0).path("name").asText());
        assertEquals(300, bert.path("classification").path("items").asInt(), "the SMS test split");
        JsonNode baseline = Json.readTree(Json.MAPPER, folder.resolve("eval/tribuo-baseline/metrics.json")).path("tasks");
        assertEquals(300, baseline.path("classification").path("items").asInt(), "the baseline on the same test items");
        String html = Files.readString(folder.resolve("report.html"));
        assertTrue(html.contains("tribuo-baseline"), "the baseline is in the comparison");
        assertTrue(html.contains("<table") && html.contains("data:image/png;base64,"), "tables and inline plots");
        JsonNode numbers = reportNumbers(folder);

        CliRun fresh = CliRun.of(shrunk("--fresh"));
        assertEquals(0, fresh.code(), fresh.out() + fresh.err());
        assertEquals(folder, runFolder(fresh));
        assertArrayEquals(gptMetrics, Files.readAllBytes(folder.resolve("eval/gpt/metrics.json")));
        assertArrayEquals(bertMetrics, Files.readAllBytes(folder.resolve("eval/bert/metrics.json")));
        assertEquals(numbers, reportNumbers(folder));

        CliRun again = CliRun.of(shrunk());
        assertEquals(0, again.code(), again.out() + again.err());
        assertEquals(9, again.out().lines().filter(line -> line.endsWith("reused")).count(), again.out());
    }

    @Test
    void aSweepOverTwoSeedsRunsEachPointAndSummarisesThemOverSeeds() throws IOException {
        CliRun sweep = CliRun.of(shrunk("--set", "sweep={seed: [1, 2]}", "--set", "name=seeds"));
        assertEquals(0, sweep.code(), sweep.out() + sweep.err());
        Path folder = runFolder(sweep);
        assertTrue(sweep.out().contains("sweep: " + folder + " (2 points)"), sweep.out());
        for (String point : List.of("seed=1", "seed=2")) {
            assertTrue(Files.isRegularFile(folder.resolve("points").resolve(point).resolve("eval/gpt/metrics.json")), point);
        }
        assertTrue(Files.readString(folder.resolve("experiment.yaml")).contains("sweep:"), "the sweep folder keeps the sweep");
        JsonNode rows = Json.readTree(Json.MAPPER, folder.resolve("report.json")).at("/sections/0/blocks/1/rows");
        assertTrue(rows.size() > 10, rows.toString());
        rows.forEach(row -> assertEquals(2, row.get(3).asInt(), "two seeds per metric: " + row));
        CliRun resumed = CliRun.of("run", "--resume", folder.toString());
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertEquals(18, resumed.out().lines().filter(line -> line.endsWith("reused")).count(), resumed.out());
    }
}
