package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lmlab train} end to end through {@link Lmlab#execute}: a micro GPT-2-shaped model (one
 * 16-wide layer, context 16) trained for a few steps on the-verdict into a temporary run
 * directory, resumed, and refused on bad input with one line and exit code 2.
 */
class TrainCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private Path model;
    private Path corpus;

    @BeforeEach
    void setUp() throws IOException {
        TrainingFiles files = TrainingFiles.in(temp, 0f);
        model = files.model();
        corpus = files.corpus();
    }

    @AfterEach
    void tearDown() {
        TrainingFiles.forget();
    }

    private String[] train(Path run, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--model", model.toString(), "--data", corpus.toString(),
                "--steps", "4", "--batch", "2", "--lr", "1e-3", "--eval-every", "2", "--eval-batches", "1",
                "--checkpoint-every", "2", "--log-every", "1", "--out", run.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void trainWritesARunDirectoryAndResumeFinishesItIdentically() throws IOException {
        Path run = temp.resolve("run");
        CliRun result = CliRun.of(train(run));
        assertEquals(0, result.code(), result.err());
        assertEquals("", result.err());
        String[] lines = result.out().split("\\R");
        assertEquals("run: " + run, lines[0]);
        assertTrue(lines[1].matches("memory: estimated \\S+ GB for training micro-gpt at batch 2 x context 16 \\(weights .*"),
                result.out());
        assertTrue(lines[2].startsWith("training: 4 steps: "), result.out());
        assertEquals("model: " + run.resolve("model"), lines[lines.length - 1]);
        List<JsonNode> metrics = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            metrics.add(JSON.readTree(line));
        }
        assertEquals(List.of("val0", "train_eval0", "train1", "train2", "val2", "train_eval2", "train3", "train4", "val4",
                "train_eval4"),
                metrics.stream().map(node -> node.get("split").asText() + node.get("step").asLong()).toList());
        assertTrue(metrics.get(0).get("loss").asDouble() > 10.5, "an untrained GPT-2-vocabulary model starts near ln 50257");
        byte[] finalWeights = Files.readAllBytes(run.resolve("model").resolve("model.safetensors"));

        // Lose the last checkpoint, as if the run had died between steps 2 and 4, and resume.
        Path checkpoints = run.resolve("checkpoints");
        deleteTree(checkpoints.resolve("step-000004"));
        Files.writeString(checkpoints.resolve("latest"), "step-000002\n");
        CliRun resumed = CliRun.of("train", "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming: 4 steps from step 2"), resumed.out());
        assertArrayEquals(finalWeights, Files.readAllBytes(run.resolve("model").resolve("model.safetensors")));
        assertEquals(10, Files.readAllLines(run.resolve("metrics.jsonl")).size());
    }

    @Test
    void aBertPresetTrainsWithTheMaskedObjectiveThroughTheSameCommand() throws IOException {
        Path run = temp.resolve("bert");
        CliRun result = CliRun.of("train", "--model", "bert-tiny", "--objective", "masked-lm", "--data", corpus.toString(),
                "--context", "16", "--steps", "3", "--batch", "2", "--lr", "1e-3", "--eval-every", "3", "--eval-batches", "1",
                "--out", run.toString());
        assertEquals(0, result.code(), result.err());
        JsonNode config = JSON.readTree(run.resolve("train.json").toFile());
        assertEquals("bert-base-uncased", config.get("tokenizer").asText());
        assertEquals("masked-lm", config.get("objective").get("type").asText());
        List<String> splits = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode node = JSON.readTree(line);
            splits.add(node.get("split").asText() + node.get("step").asLong());
            assertTrue(node.get("loss").asDouble() > 5, line);
        }
        assertEquals(List.of("val0", "train_eval0", "train1", "train2", "train3", "val3", "train_eval3"), splits);
        assertTrue(Files.isRegularFile(run.resolve("model").resolve("model.safetensors")));
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        CliRun missing = CliRun.of("train", "--model", model.toString(), "--data", temp.resolve("nope.txt").toString(),
                "--out", temp.resolve("a").toString());
        assertEquals(2, missing.code());
        assertEquals("lmlab: file not found: " + temp.resolve("nope.txt") + ": no such corpus file\n", missing.err());

        CliRun objective = CliRun.of(train(temp.resolve("b"), "--objective", "next-token"));
        assertEquals(2, objective.code());
        assertEquals("lmlab: objective.type: unknown type 'next-token'; known: causal-lm, classification, instruction, masked-lm\n", objective.err());

        CliRun masked = CliRun.of(train(temp.resolve("c"), "--objective", "masked-lm", "--tokenizer", "bert-base-uncased"));
        assertEquals(2, masked.code());
        assertTrue(masked.err().startsWith("lmlab: objective masked-lm needs a bidirectional model"), masked.err());

        CliRun preset = CliRun.of("train", "--model", "gpt-huge", "--data", corpus.toString(), "--out", temp.resolve("d").toString());
        assertEquals(2, preset.code());
        assertTrue(preset.err().startsWith("lmlab: unknown model preset 'gpt-huge'; known: "), preset.err());

        CliRun context = CliRun.of(train(temp.resolve("e"), "--context", "64"));
        assertEquals(2, context.code());
        assertEquals("lmlab: --context: 64 is longer than the model's 16 positions\n", context.err());

        CliRun notARun = CliRun.of("train", "--resume", temp.toString());
        assertEquals(2, notARun.code());
        assertTrue(notARun.err().startsWith("lmlab: file not found: " + temp.resolve("train.json")), notARun.err());

        CliRun mixed = CliRun.of("train", "--resume", temp.resolve("run-that-is-not").toString(), "--batch", "1");
        assertEquals(2, mixed.code());
        assertEquals("lmlab: --resume continues a run with its saved settings and takes no other options (got --batch; it takes"
                + " --steps, --lr, --warmup-steps, --lr-floor, --checkpoint-minutes, --log-every, --plugin)\n", mixed.err());

        CliRun accumulation = CliRun.of(train(temp.resolve("f"), "--accumulation", "0"));
        assertEquals(2, accumulation.code());
        assertEquals("lmlab: --accumulation: must be positive, got 0\n", accumulation.err());
        for (String name : List.of("a", "b", "c", "d", "e", "f")) {
            assertTrue(!Files.exists(temp.resolve(name).resolve("train.json")), name);
        }
    }

    @Test
    void resumePrintsProgressAtTheRunsRecordedLogEveryUnlessGivenAnother() throws IOException {
        Path run = temp.resolve("run");
        List<String> args = new ArrayList<>(List.of(train(run)));
        args.set(args.indexOf("--log-every") + 1, "3");
        CliRun trained = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, trained.code(), trained.err());
        // Steps 1 (the first), 3 (every 3rd) and 4 (the last) of 4.
        assertEquals(List.of("step 1/4", "step 3/4", "step 4/4"), stepLines(trained));

        // Four more steps, 5 to 8: the first, every 3rd of the recorded log_every, the last (the default 10 would print 5 and 8).
        CliRun recorded = CliRun.of("train", "--resume", run.toString(), "--steps", "4");
        assertEquals(0, recorded.code(), recorded.err());
        assertEquals(List.of("step 5/8", "step 6/8", "step 8/8"), stepLines(recorded));

        CliRun given = CliRun.of("train", "--resume", run.toString(), "--steps", "2", "--log-every", "1");
        assertEquals(0, given.code(), given.err());
        assertEquals(List.of("step 9/10", "step 10/10"), stepLines(given));
    }

    /** The progress lines' {@code step N/M}. */
    private static List<String> stepLines(CliRun run) {
        return run.out().lines().filter(line -> line.matches("step \\d+/\\d+ .*"))
                .map(line -> line.substring(0, line.indexOf(' ', 5))).toList();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
