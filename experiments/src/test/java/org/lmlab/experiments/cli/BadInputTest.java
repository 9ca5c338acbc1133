package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table of bad inputs: each is exit code 2 with exactly one line on stderr that names the
 * flag, file or field, no stack trace, and nothing on stdout (in particular no {@code run: DIR}
 * before an early failure), and no run directory left behind.
 */
class BadInputTest {

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

    private String[] train(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--model", model.toString(), "--data", corpus.toString(),
                "--batch", "2", "--out", out.toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--steps")) {
            args.addAll(List.of("--steps", "2"));
        }
        return args.toArray(String[]::new);
    }

    /** Exit 2, this one line on stderr, nothing on stdout. */
    private static void refused(String expected, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(2, run.code(), String.join(" ", args) + ": " + run.err());
        assertEquals(List.of(expected), run.errLines(), String.join(" ", args));
        assertFalse(run.err().contains("\tat "), run.err());
        assertEquals("", run.out(), String.join(" ", args));
    }

    @Test
    void everyBadInputIsOneLineNamingWhatIsWrong() throws IOException {
        Path out = temp.resolve("out");
        Path file = Files.writeString(temp.resolve("afile"), "x");
        Path directory = Files.createDirectory(temp.resolve("texts"));
        Path missingJson = temp.resolve("missing").resolve("tokenizer.json");

        refused("lmlab: --max-new-tokens: must be between 0 and 1000000, got 2000000000",
                "generate", "--model", model.toString(), "--prompt", "x", "--max-new-tokens", "2000000000");
        refused("lmlab: --top-k only shapes sampling, and temperature 0 is greedy; give --temperature > 0 too (e.g. --temperature 0.8)",
                "generate", "--model", model.toString(), "--prompt", "x", "--top-k", "5");
        refused("lmlab: --top-p only shapes sampling, and temperature 0 is greedy; give --temperature > 0 too (e.g. --temperature 0.8)",
                "generate", "--model", model.toString(), "--prompt", "x", "--top-p", "0.9");
        refused("lmlab: " + file + " is a file; a run directory must be a new or empty directory", train(file));
        refused("lmlab: --input: " + directory + " is a directory; give a UTF-8 text file",
                "tokenize", "--tokenizer", "gpt2", "--input", directory.toString());
        refused("lmlab: " + directory + ": is a directory, not a text file",
                "score", "--model", model.toString(), "--input", directory.toString());
        refused("lmlab: file not found: " + missingJson + ": no such tokenizer file or directory",
                "tokenize", "--tokenizer", missingJson.toString());
        refused("lmlab: --steps: must not be negative, got -1", train(out, "--steps", "-1"));
        refused("lmlab: --steps or --epochs: one must be positive", train(out, "--steps", "0", "--epochs", "0"));
        refused("lmlab: --context: must be at least 2 (or 0: the model's), got -5", train(out, "--context", "-5"));
        refused("lmlab: --lr: must be a positive number, got -1.0", train(out, "--lr", "-1"));
        refused("lmlab: --val-fraction: must be in [0, 1), got 1.5", train(out, "--val-fraction", "1.5"));
        refused("lmlab: --context: must be 0 (the model's context) or at least 2, got -4",
                "score", "--model", model.toString(), "--context", "-4", "--text", "hello");
        refused("lmlab: file not found: " + temp.resolve("nope") + ": no such model directory",
                "score", "--model", temp.resolve("nope").toString(), "--text", "hello");
        refused("lmlab: unknown command 'nonsense' (see 'lmlab --help')", "nonsense", "--help");
        refused("lmlab: unknown command 'nonsense' (see 'lmlab model --help')", "model", "nonsense", "--help");
        assertFalse(Files.exists(out), "no failed start leaves a run directory");

        // A directory that is not a run is never written into.
        Path other = Files.createDirectory(temp.resolve("other"));
        Files.writeString(other.resolve("metrics.jsonl"), "mine\n");
        refused("lmlab: " + other + " is not empty and is not an lmlab run (it holds metrics.jsonl); a run never overwrites"
                + " files it did not write: choose a new or empty directory", train(other));
        assertEquals("mine\n", Files.readString(other.resolve("metrics.jsonl")));
        assertEquals(List.of("metrics.jsonl"), List.of(other.toFile().list()));
    }

    @Test
    void aRunWithoutAFinalModelIsNamedAsSuchWhereAModelIsExpected() throws IOException {
        Path run = temp.resolve("run");
        CliRun stopped = CliRun.of(train(run, "--checkpoint-every", "1", "--steps", "3"));
        assertEquals(0, stopped.code(), stopped.err());
        // As if it had been stopped before the end: its model is not there yet.
        deleteTree(run.resolve("model"));
        refused("lmlab: file not found: " + run.resolve("model") + ": the run " + run
                + " has no final model yet; continue it with lmlab train --resume " + run,
                "score", "--model", run.toString(), "--text", "hello");
    }

    @Test
    void aDivergedRunSaysWhatIsTrueAndLeavesNothingWhenNothingWasSaved() {
        Path run = temp.resolve("diverged");
        CliRun diverged = CliRun.of(train(run, "--lr", "1e6", "--steps", "20"));
        assertEquals(1, diverged.code(), diverged.err());
        List<String> lines = diverged.errLines();
        assertEquals(1, lines.size(), diverged.err());
        assertTrue(lines.get(0).matches("lmlab: training stopped at step \\d+: the loss is \\S+ and the gradient norm \\S+, so the"
                + " step changed no weight; no checkpoint had been written yet; try a lower learning rate or gradient"
                + " clipping; nothing was kept in " + java.util.regex.Pattern.quote(run.toString())), lines.get(0));
        assertFalse(Files.exists(run));
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
