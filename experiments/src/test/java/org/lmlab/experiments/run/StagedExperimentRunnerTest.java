package org.lmlab.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.experiments.Injection;
import org.lmlab.experiments.file.Experiment;
import org.lmlab.experiments.file.ExperimentResolver;
import org.lmlab.training.RunControl;
import org.lmlab.training.StepReport;
import org.lmlab.training.TrainerListener;
import org.lmlab.training.TrainingInterruptedException;
import org.lmlab.training.data.TokenCache;
import org.lmlab.training.run.RunOptions;

/**
 * A two-model experiment (micro GPT and micro BERT on a trained 300-token BPE, pretrained a few
 * steps, fine-tuned a few steps on SMS spam) through the staged runner: the run folder's layout,
 * reuse of every finished stage on a second run, and a run stopped inside a pretraining stage that
 * continues to the same weights as one that was never stopped.
 */
class StagedExperimentRunnerTest {

    @TempDir
    static Path temp;

    private static Injector injector;

    @BeforeAll
    static void setUp() {
        System.setProperty(TokenCache.DIRECTORY_PROPERTY, temp.resolve("cache").toString());
        injector = Injection.create(List.of());
    }

    @AfterAll
    static void tearDown() {
        System.clearProperty(TokenCache.DIRECTORY_PROPERTY);
    }

    private static Path experimentFile(String name) throws IOException {
        Path corpus = temp.resolve("corpus.txt");
        if (!Files.exists(corpus)) {
            Files.copy(Path.of(System.getProperty("lmlab.root"), "data", "the-verdict.txt"), corpus);
        }
        String micro = "{width: 32, layers: 1, positions: {max_positions: 32}, block: {attention: {heads: 2}, feed_forward: {hidden: 64}}}";
        String yaml = String.join("\n",
                "name: " + name,
                "seed: 7",
                "runs_root: " + temp.resolve("runs"),
                "tokenizer:",
                "  train: {vocab_size: 300, data: " + corpus + ", special_tokens: ['<|endoftext|>', '[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']}",
                "models:",
                "  gpt: {preset: gpt-tiny, model: " + micro + ", objective: causal-lm}",
                "  bert: {preset: bert-tiny, model: " + micro + ", objective: masked-lm}",
                "pretrain:",
                "  data: {type: corpus, path: " + corpus + "}",
                "  context: 16",
                "  train: {batch_size: 4, steps: 4, eval_every: 2, eval_batches: 2}",
                "finetune:",
                "  classify: {data: {type: sms-spam}, train: all, steps: 3, batch: 4, max_length: 16, baseline: false, eval_every: 0}",
                "");
        Path file = temp.resolve(name + ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static Experiment load(String name) throws IOException {
        return injector.getInstance(ExperimentResolver.class).load(experimentFile(name), List.of());
    }

    private static java.io.PrintWriter writer(ByteArrayOutputStream out) {
        return new java.io.PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    }

    private static StagedExperimentRunner runner(ByteArrayOutputStream out) {
        return injector.getInstance(StagedExperimentRunner.class);
    }

    private static String summaryWithoutTime(Path run) throws IOException {
        return Files.readString(run.resolve("finetune/bert/summary.json")).replace(run.toString(), "RUN")
                .replaceAll("\"seconds\" : [0-9.]+", "");
    }

    @Test
    void aSecondRunReusesEveryStageAndAStoppedRunContinuesToTheSameWeights() throws IOException {
        Experiment experiment = load("tiny");
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        Path folder = runner(first).training(RunOptions.defaults().withoutSignals(), List.of()).run(experiment, RunFlags.none(), writer(first));
        assertEquals(temp.resolve("runs").resolve("tiny-" + experiment.shortHash()), folder);
        for (String stage : List.of("tokenizer", "pretrain/gpt", "pretrain/bert", "finetune/gpt", "finetune/bert")) {
            assertTrue(Files.isRegularFile(folder.resolve(stage).resolve(StageRecord.FILE)), stage + "\n" + first);
        }
        assertTrue(Files.isRegularFile(folder.resolve("experiment.yaml")));
        assertTrue(Files.isRegularFile(folder.resolve("provenance.json")));
        assertTrue(Files.isRegularFile(folder.resolve("finetune/bert/summary.json")));
        byte[] bertWeights = Files.readAllBytes(folder.resolve("pretrain/bert/model/model.safetensors"));

        ByteArrayOutputStream second = new ByteArrayOutputStream();
        runner(second).training(RunOptions.defaults().withoutSignals(), List.of()).run(experiment, RunFlags.none(), writer(second));
        String again = second.toString(StandardCharsets.UTF_8);
        assertEquals(6, again.lines().filter(line -> line.endsWith("reused")).count(), again);

        // The same experiment in another folder, stopped after step 2 of the BERT's pretraining.
        Path other = temp.resolve("other-root");
        Experiment copy = load("tiny");
        RunControl control = RunControl.none();
        TrainerListener stopAtTwo = new TrainerListener() {
            private boolean inBertPretraining;

            @Override
            public void onRun(Path runDirectory, boolean resumed) {
                inBertPretraining = runDirectory.endsWith(Path.of("pretrain", "bert"));
            }

            @Override
            public void onStep(StepReport report) {
                if (inBertPretraining && report.step() == 2) {
                    control.requestStop("test stop");
                }
            }
        };
        ByteArrayOutputStream stopped = new ByteArrayOutputStream();
        RunFlags into = new RunFlags(false, java.util.Optional.of(other), List.of());
        TrainingInterruptedException interrupted = assertThrows(TrainingInterruptedException.class, () -> runner(stopped)
                .training(RunOptions.defaults().withoutSignals().withControl(control), List.of(stopAtTwo)).run(copy, into, writer(stopped)));
        assertEquals(other.toAbsolutePath(), interrupted.runDirectory(), stopped.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isDirectory(other.resolve("pretrain/bert/checkpoints")), interrupted.getMessage() + "\n" + stopped);
        assertTrue(Files.isRegularFile(other.resolve("pretrain/gpt/stage.json")));
        assertTrue(!Files.exists(other.resolve("pretrain/bert/stage.json")));
        ByteArrayOutputStream resumed = new ByteArrayOutputStream();
        runner(resumed).training(RunOptions.defaults().withoutSignals(), List.of()).run(copy, into, writer(resumed));
        String continued = resumed.toString(StandardCharsets.UTF_8);
        assertTrue(continued.contains("pretrain/bert: continuing where it was cut off"), stopped + "\n---\n" + continued);
        assertArrayEquals(bertWeights, Files.readAllBytes(other.resolve("pretrain/bert/model/model.safetensors")));
        assertEquals(summaryWithoutTime(folder), summaryWithoutTime(other.toAbsolutePath()));
        try (Stream<Path> files = Files.list(other.resolve("pretrain/bert"))) {
            assertTrue(files.anyMatch(path -> path.getFileName().toString().equals("metrics.jsonl")));
        }
    }

    @Test
    void anInstructionStageFineTunesThePretrainedModelAndAnswersTheTestRecords() throws IOException {
        Path corpus = temp.resolve("corpus.txt");
        if (!Files.exists(corpus)) {
            Files.copy(Path.of(System.getProperty("lmlab.root"), "data", "the-verdict.txt"), corpus);
        }
        String yaml = String.join("\n",
                "name: chat",
                "runs_root: " + temp.resolve("chat-runs"),
                "tokenizer:",
                "  train: {vocab_size: 300, data: " + corpus + ", special_tokens: ['<|endoftext|>']}",
                "models:",
                "  gpt: {preset: gpt-tiny, model: {width: 32, layers: 1, positions: {max_positions: 256}, block: {attention: {heads: 2},"
                        + " feed_forward: {hidden: 64}}}, objective: causal-lm}",
                "pretrain:",
                "  data: {type: corpus, path: " + corpus + "}",
                "  context: 16",
                "  train: {batch_size: 4, steps: 2, eval_every: 1, eval_batches: 1}",
                "finetune:",
                "  instruct: {steps: 2, batch: 2, max_length: 256, max_new_tokens: 2, eval_every: 1, eval_batches: 1}",
                "");
        Path file = temp.resolve("chat.yaml");
        Files.writeString(file, yaml);
        Experiment experiment = injector.getInstance(ExperimentResolver.class).load(file, List.of());
        assertEquals(2, experiment.instruct().orElseThrow().steps());
        assertEquals("alpaca", experiment.instruct().get().format(), "omitted fields come from the defaults");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path folder = runner(out).training(RunOptions.defaults().withoutSignals(), List.of()).run(experiment, RunFlags.none(), writer(out));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(Files.isRegularFile(folder.resolve("instruct/gpt/stage.json")), printed);
        Path responses = folder.resolve("instruct/gpt/instruction-data-with-response.json");
        assertEquals(110, org.lmlab.layers.config.Json.readTree(org.lmlab.layers.config.Json.MAPPER, responses).size(),
                "the 110 test records of the bundled data, each answered");
        assertTrue(Files.readString(folder.resolve("instruct/gpt/train.json")).contains(folder.resolve("pretrain/gpt").toString()),
                "the fine-tune starts from the pretraining run");
    }
}
