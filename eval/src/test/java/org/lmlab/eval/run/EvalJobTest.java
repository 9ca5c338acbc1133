package org.lmlab.eval.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.eval.EvalModule;
import org.lmlab.eval.task.TaskConfig;
import org.lmlab.eval.tasks.blimp.BlimpConfig;
import org.lmlab.eval.tasks.perplexity.PerplexityConfig;
import org.lmlab.layers.config.Json;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.preset.Presets;
import org.lmlab.models.score.ScoringConfig;
import org.lmlab.tokenizers.TokenizersModule;
import org.lmlab.training.TrainingModule;

/**
 * {@link EvalJob} on a micro GPT-2 (GPT-2's vocabulary and bundled tokenizer, 16 wide): the run
 * directory of docs/eval.md, byte-identical {@code metrics.json} and {@code results.jsonl} from
 * two runs, repeated task types named {@code type-2}, a non-empty output refused.
 */
class EvalJobTest {

    @TempDir
    static Path directory;

    private static Path model;
    private static EvalJob job;
    private static List<TaskConfig> tasks;

    @BeforeAll
    static void setUp() throws IOException {
        model = Files.createDirectories(directory.resolve("model"));
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel micro = Models.standard().build(Presets.gpt2("micro-gpt", 16, 1, 2, 16, true, true, 0f));
            manager.getEngine().setRandomSeed(5);
            micro.initialize(manager);
            ModelDirectory.standard().save(micro, model);
        }
        Path blimp = Files.createDirectories(directory.resolve("blimp"));
        StringBuilder lines = new StringBuilder();
        String[][] pairs = {{"The cats sleep.", "The cats sleeps."}, {"A dog barks.", "A dog bark."}, {"Same.", "Same."},
            {"She saw herself.", "She saw himself."}};
        for (int i = 0; i < pairs.length; i++) {
            lines.append(String.format("{\"sentence_good\": \"%s\", \"sentence_bad\": \"%s\", \"UID\": \"agreement\","
                    + " \"linguistics_term\": \"subject_verb_agreement\", \"pairID\": \"%d\"}%n", pairs[i][0], pairs[i][1], i));
        }
        Files.writeString(blimp.resolve("agreement.jsonl"), lines);
        Path text = Files.writeString(directory.resolve("text.txt"), " = One = \n The first article .\n = Two = \n And the second one .\n");
        job = Guice.createInjector(new TokenizersModule(), new TrainingModule(), new EvalModule()).getInstance(EvalJob.class);
        tasks = new ArrayList<>();
        tasks.add(new BlimpConfig("blimp", blimp.toString(), 0, 1, List.of()));
        tasks.add(new PerplexityConfig("perplexity", text.toString(), 0, 0));
        tasks.add(new BlimpConfig("blimp", blimp.toString(), 2, 9, List.of()));
    }

    private static EvalResult run(Path output) throws IOException {
        return job.run(new EvalRequest(model, tasks, 77, 200, ScoringConfig.DEFAULT, output), (task, done, total) -> { });
    }

    @Test
    void twoRunsWriteTheSameBytesInTheDocumentedLayout() throws IOException {
        Path first = directory.resolve("first");
        Path second = directory.resolve("second");
        EvalResult result = run(first);
        run(second);
        assertEquals(List.of("blimp", "perplexity", "blimp-2"), result.tasks().stream().map(EvalResult.TaskResult::name).toList());
        assertArrayEquals(Files.readAllBytes(first.resolve("metrics.json")), Files.readAllBytes(second.resolve("metrics.json")));
        for (String name : List.of("blimp", "perplexity", "blimp-2")) {
            Path results = Path.of("tasks", name, "results.jsonl");
            assertArrayEquals(Files.readAllBytes(first.resolve(results)), Files.readAllBytes(second.resolve(results)), name);
        }
        assertEquals(4, Files.readAllLines(first.resolve("tasks/blimp/results.jsonl")).size());
        assertEquals(2, Files.readAllLines(first.resolve("tasks/blimp-2/results.jsonl")).size());

        JsonNode metrics = Json.MAPPER.readTree(first.resolve("metrics.json").toFile());
        assertEquals(List.of("format", "model", "model_kind", "seed", "tasks"), fieldNames(metrics));
        assertEquals(1, metrics.get("format").asInt());
        assertEquals(model.toAbsolutePath().normalize().toString(), metrics.get("model").asText());
        assertEquals("causal", metrics.get("model_kind").asText());
        JsonNode blimp = metrics.get("tasks").get("blimp");
        assertEquals(List.of("type", "version", "config", "items", "results", "metrics", "breakdowns", "extras", "notes"), fieldNames(blimp));
        assertEquals("tasks/blimp/results.jsonl", blimp.get("results").asText());
        assertEquals(4, blimp.get("items").asInt());
        JsonNode accuracy = blimp.get("metrics").get(0);
        assertEquals("accuracy", accuracy.get("name").asText());
        assertEquals(200, accuracy.get("ci").get("resamples").asInt());
        assertEquals(77, accuracy.get("ci").get("seed").asInt());
        assertTrue(accuracy.has("normal_ci"));
        assertEquals(4.0, blimp.get("breakdowns").get("paradigm").get("agreement").get("n").asDouble());
        assertEquals(3, metrics.get("tasks").get("perplexity").get("metrics").size());
        assertEquals("blimp", metrics.get("tasks").get("blimp-2").get("type").asText());
        assertEquals(2, metrics.get("tasks").get("blimp-2").get("items").asInt());

        JsonNode request = Json.MAPPER.readTree(first.resolve("eval.json").toFile());
        assertEquals(List.of("format", "model", "seed", "resamples", "scoring", "tasks"), fieldNames(request));
        assertEquals(16, request.get("scoring").get("batch_size").asInt());
        assertEquals(2, request.get("tasks").get(2).get("per_paradigm").asInt());
        JsonNode status = Json.MAPPER.readTree(first.resolve("status.json").toFile());
        assertEquals("complete", status.get("state").asText());
        assertEquals(List.of("blimp", "perplexity", "blimp-2"), fieldNames(status.get("seconds")));
        assertTrue(Files.isRegularFile(first.resolve("provenance.json")));
    }

    @Test
    void aNonEmptyOutputIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path taken = Files.createDirectories(directory.resolve("taken"));
        Files.writeString(taken.resolve("notes.txt"), "mine");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> run(taken));
        assertTrue(error.getMessage().contains("is not empty (it holds notes.txt)"), error.getMessage());
        assertEquals(List.of(taken.resolve("notes.txt")), Files.list(taken).toList());
    }

    @Test
    void aBadTaskFailsBeforeTheRunDirectoryIsMade() {
        Path output = directory.resolve("never");
        List<TaskConfig> bad = List.of(tasks.get(0), new PerplexityConfig("perplexity", directory.resolve("missing.txt").toString(), 0, 0));
        assertThrows(IOException.class, () -> {
            try {
                job.run(new EvalRequest(model, bad, 1, 10, ScoringConfig.DEFAULT, output), (task, done, total) -> { });
            } catch (java.io.UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
        });
        assertTrue(!Files.exists(output));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
