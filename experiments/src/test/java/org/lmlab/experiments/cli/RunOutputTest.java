package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.core.HostCopy;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.tokenizers.Tokenizers;

/**
 * What the commands say and do around a run: the {@code done:} line, a complete run, an
 * extension, pruning, {@code --model RUN_DIR}, the tokenizer a model remembers, generation's
 * seed and echo, a warning for NaN weights, and the notice when stdin is a terminal.
 */
class RunOutputTest {

    @TempDir
    Path temp;

    private Path model;
    private Path corpus;

    @BeforeEach
    void setUp() throws IOException {
        TrainingFiles files = TrainingFiles.in(temp, 0.1f);
        model = files.model();
        corpus = files.corpus();
    }

    @AfterEach
    void tearDown() {
        TrainingFiles.forget();
        System.clearProperty(Terminal.PROPERTY);
    }

    private CliRun train(Path run, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--model", model.toString(), "--data", corpus.toString(),
                "--batch", "2", "--lr", "1e-3", "--eval-batches", "1", "--log-every", "1", "--out", run.toString()));
        args.addAll(List.of(extra));
        if (!args.contains("--steps")) {
            args.addAll(List.of("--steps", "4"));
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aRunReportsItsEvalModeLossAndBestValidationThenSaysWhenItIsCompleteAndCanBeExtended() throws IOException {
        Path run = temp.resolve("run");
        CliRun trained = train(run, "--eval-every", "1");
        assertEquals(0, trained.code(), trained.err());
        String[] lines = trained.out().split("\\R");
        assertEquals("run: " + run, lines[0]);
        String done = lines[lines.length - 2];
        Matcher matcher = Pattern.compile("done: 4 steps, train loss (\\S+) \\(eval mode\\), val loss (\\S+), best val loss (\\S+)"
                + " at step (\\d), [\\d,]+ tokens").matcher(done);
        assertTrue(matcher.matches(), done);
        assertEquals("model: " + run.resolve("model"), lines[lines.length - 1]);
        // The numbers are the last train_eval and the lowest val of metrics.jsonl.
        List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
        double lastTrainEval = Double.NaN;
        double best = Double.POSITIVE_INFINITY;
        long bestStep = -1;
        for (String line : metrics) {
            double loss = Double.parseDouble(line.replaceAll(".*\"loss\":([^,}]+).*", "$1"));
            if (line.contains("\"split\":\"train_eval\"")) {
                lastTrainEval = loss;
            } else if (line.contains("\"split\":\"val\"") && loss < best) {
                best = loss;
                bestStep = Long.parseLong(line.replaceAll(".*\"step\":(\\d+).*", "$1"));
            }
        }
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", lastTrainEval), matcher.group(1));
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", best), matcher.group(3));
        assertEquals(String.valueOf(bestStep), matcher.group(4));

        CliRun again = CliRun.of("train", "--resume", run.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(List.of("run: " + run, "complete: " + run + " finished all 4 steps, train loss " + matcher.group(1)
                + " (eval mode), val loss " + matcher.group(2) + ", best val loss " + matcher.group(3) + " at step "
                + matcher.group(4) + "; nothing to train (model: " + run.resolve("model") + "; to train further: --resume "
                + run + " --steps N)"), List.of(again.out().split("\\R")));

        CliRun extended = CliRun.of("train", "--resume", run.toString(), "--steps", "2", "--lr", "5e-4");
        assertEquals(0, extended.code(), extended.err());
        assertTrue(extended.out().contains("resuming: 6 steps from step 4"), extended.out());
        assertTrue(Files.readString(run.resolve("status.json")).contains("\"peak_lr\" : 5.0E-4"),
                Files.readString(run.resolve("status.json")));
        CliRun ratesAlone = CliRun.of("train", "--resume", run.toString(), "--lr", "5e-4");
        assertEquals(2, ratesAlone.code());
        assertEquals(List.of("lmlab: --lr, --warmup-steps and --lr-floor with --resume set the rates of more steps: give --steps N too"),
                ratesAlone.errLines());

        // --model RUN_DIR means RUN_DIR/model.
        CliRun byRun = CliRun.of("score", "--model", run.toString(), "--text", "It was a dull day.");
        CliRun byModel = CliRun.of("score", "--model", run.resolve("model").toString(), "--text", "It was a dull day.");
        assertEquals(0, byRun.code(), byRun.err());
        assertEquals(byModel.out(), byRun.out());

        CliRun pruned = CliRun.of("runs", "prune", run.toString());
        assertEquals(0, pruned.code(), pruned.err());
        assertTrue(pruned.out().startsWith("pruned " + run + ": "), pruned.out());
        assertFalse(Files.exists(run.resolve("checkpoints")));
        assertEquals(byModel.out(), CliRun.of("score", "--model", run.toString(), "--text", "It was a dull day.").out());
    }

    @Test
    void aModelIsReadWithTheTokenizerItWasTrainedWith() throws IOException {
        String text = "hello, world!! thetersters";
        Tokenizers tokenizers = Tokenizers.standard();
        int bert = tokenizers.resolve("bert-base-uncased").encode(text).length;
        int gpt2 = tokenizers.resolve("gpt2").encode(text).length;
        assertNotEquals(bert, gpt2, "the test needs a text the two tokenize differently");
        Path run = temp.resolve("bert-tokens");
        CliRun trained = train(run, "--tokenizer", "bert-base-uncased", "--steps", "2", "--eval-every", "0");
        assertEquals(0, trained.code(), trained.err());
        CliRun scored = CliRun.of("score", "--model", run.toString(), "--text", text);
        assertEquals(0, scored.code(), scored.err());
        assertTrue(scored.out().strip().endsWith("tokens=" + (bert - 1)), "a decoder predicts all tokens but the first: "
                + scored.out());

        // A tokenizer kind that reads a file works from the command line and travels with the model.
        Path chars = temp.resolve("chars");
        CliRun charRun = train(chars, "--tokenizer", "char:" + corpus, "--steps", "2", "--eval-every", "0");
        assertEquals(0, charRun.code(), charRun.err());
        assertTrue(Files.isRegularFile(chars.resolve("model").resolve("tokenizer").resolve("verdict.txt")));
        CliRun charScore = CliRun.of("score", "--model", chars.toString(), "--text", "abc");
        assertTrue(charScore.out().strip().endsWith("tokens=2"), charScore.out());
        Path exported = temp.resolve("exported");
        assertEquals(0, CliRun.of("model", "export", "--model", chars.toString(), "--out", exported.toString()).code());
        assertEquals(charScore.out(), CliRun.of("score", "--model", exported.toString(), "--text", "abc").out());
    }

    @Test
    void samplingWithoutASeedDrawsOneAndPrintsItAndEchoPrintsThePrompt() {
        CliRun sampled = CliRun.of("generate", "--model", model.toString(), "--prompt", "It was", "--temperature", "1",
                "--max-new-tokens", "5");
        assertEquals(0, sampled.code(), sampled.err());
        Matcher seed = Pattern.compile("seed: (-?\\d+) \\(--seed \\1 repeats this sample\\)").matcher(sampled.err().strip());
        assertTrue(seed.matches(), sampled.err());
        CliRun repeated = CliRun.of("generate", "--model", model.toString(), "--prompt", "It was", "--temperature", "1",
                "--max-new-tokens", "5", "--seed", seed.group(1), "--echo");
        assertEquals(0, repeated.code(), repeated.err());
        assertEquals("", repeated.err());
        assertEquals("It was" + sampled.out(), repeated.out());
        CliRun greedy = CliRun.of("generate", "--model", model.toString(), "--prompt", "It was", "--max-new-tokens", "3");
        assertEquals("", greedy.err(), "greedy decoding needs no seed");
    }

    @Test
    void nanWeightsAreWarnedAbout() throws IOException {
        Path broken = temp.resolve("nan-gpt");
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel micro = ModelDirectory.standard().load(model, manager);
            ai.djl.ndarray.NDArray weight = micro.namedParameters().get("blocks.0.attention.qkv.weight").getArray();
            float[] values = weight.toFloatArray();
            values[3] = Float.NaN;
            HostCopy.into(weight, values);
            ModelDirectory.standard().save(micro, broken);
        }
        CliRun scored = CliRun.of("score", "--model", broken.toString(), "--text", "It was a dull day.");
        assertEquals(0, scored.code(), scored.err());
        assertTrue(scored.out().startsWith("loss=NaN"), scored.out());
        assertEquals(List.of("lmlab: warning: " + broken + " holds 1 NaN or infinite weight values (first in"
                + " blocks.0.attention.qkv.weight); its scores and generations are meaningless"), scored.errLines());
        CliRun info = CliRun.of("model", "info", "--model", broken.toString());
        assertEquals(0, info.code(), info.err());
        assertEquals(1, info.errLines().size(), info.err());
        assertTrue(info.out().contains("weights: every tensor matches the config"), info.out());
    }

    @Test
    void tokenizeOnATerminalSaysItReadsStandardInput() {
        System.setProperty(Terminal.PROPERTY, "true");
        CliRun run = CliRun.withStdin("hi\n".getBytes(StandardCharsets.UTF_8), "tokenize", "--tokenizer", "gpt2");
        assertEquals(0, run.code(), run.err());
        assertEquals(List.of("lmlab tokenize: reading standard input, one text per line (end with Ctrl-D; --input FILE reads a file)"),
                run.errLines());
        assertEquals("5303\n", run.out());
        System.setProperty(Terminal.PROPERTY, "false");
        assertEquals("", CliRun.withStdin("hi\n".getBytes(StandardCharsets.UTF_8), "tokenize", "--tokenizer", "gpt2").err());
    }
}
