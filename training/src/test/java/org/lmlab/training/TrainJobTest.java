package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lmlab.training.provenance.Provenance;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.training.data.TokenCache;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;
import org.lmlab.training.run.RunDirectory;
import org.lmlab.training.run.TrainJob;
import org.lmlab.training.run.TrainJobConfig;
import org.lmlab.training.data.CorpusSourceConfig;

/**
 * Runs through the job layer with the real GPT-2 tokenizer: a one-layer, 16-wide GPT-2-shaped
 * model on the-verdict, started from a model directory, stopped and resumed.
 */
class TrainJobTest {

    @TempDir
    Path temp;

    private TrainJob job;
    private Path modelDirectory;
    private Path corpus;

    @BeforeEach
    void setUp() throws IOException {
        job = TrainJob.standard().withCache(new TokenCache(temp.resolve("cache")));
        corpus = temp.resolve("the-verdict.txt");
        Files.writeString(corpus, TinyModels.verdict());
        modelDirectory = TinyModels.savedMicroGpt(temp.resolve("micro-gpt"), 1, 0.1f, 3);
    }

    private TrainJobConfig config() throws IOException {
        TrainConfig train = new TrainConfig(2, 1, 6, 0, 1.0, 3, 2, 2, 2, 1, 11,
                AdamWConfig.BOOK, new ScheduleConfig(1e-3, 1, 1e-4));
        return new TrainJobConfig(modelDirectory.toString(), job.resolveModel(modelDirectory.toString()), List.of(), "gpt2",
                CorpusSourceConfig.of(corpus.toString(), 0.1, 0), null, 16, Objectives.standard().defaults("causal-lm"), train);
    }

    @Test
    void aStoppedRunResumesToTheSameFinalModelAsAnUninterruptedOne() throws IOException {
        Path straight = temp.resolve("straight");
        TrainSummary summary = job.start(config(), straight, List.of());
        assertEquals(6, summary.steps());
        RunDirectory run = new RunDirectory(straight);
        assertTrue(Files.isRegularFile(run.config()));
        assertTrue(Files.isRegularFile(run.model().resolve("config.json")));
        Provenance provenance = Provenance.read(run.root());
        assertEquals(1, provenance.threads(), "the test JVM runs one intra-op thread");
        assertEquals(Runtime.getRuntime().availableProcessors(), provenance.cores());
        assertTrue(provenance.pytorch().matches("\\d+\\.\\d+\\.\\d+"), provenance.pytorch());
        assertTrue(provenance.git().commit().matches("[0-9a-f]{40}|unknown"), provenance.git().commit());
        assertEquals("step-000006", Files.readString(run.checkpoints().resolve("latest")).strip());
        List<String> metrics = Files.readAllLines(run.metrics());
        assertEquals(6 + 3 * 2, metrics.size(), String.join("\n", metrics));
        String trainJson = Files.readString(run.config());
        assertTrue(trainJson.contains("\"tokenizer\" : \"gpt2\"") && trainJson.contains("\"batch_size\" : 2"), trainJson);

        Path interrupted = temp.resolve("interrupted");
        TrainerListener killAtThree = new TrainerListener() {
            @Override
            public void onStep(StepReport report) {
                if (report.step() == 3) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> job.start(config(), interrupted, List.of(killAtThree)));
        // val and train_eval before training, then steps 1 and 2; step 3 died before it was logged.
        assertEquals(4, Files.readAllLines(interrupted.resolve("metrics.jsonl")).size());
        TrainSummary resumed = job.resume(interrupted, List.of());
        assertEquals(6, resumed.steps());
        assertEquals(summary.trainLoss(), resumed.trainLoss());
        assertEquals(summary.validationLoss(), resumed.validationLoss());
        assertArrayEquals(Files.readAllBytes(run.model().resolve("model.safetensors")),
                Files.readAllBytes(interrupted.resolve("model").resolve("model.safetensors")));
        // The resumed log holds the same history; only the wall-clock speeds differ.
        assertEquals(withoutSpeed(metrics), withoutSpeed(Files.readAllLines(interrupted.resolve("metrics.jsonl"))));
    }

    private static List<String> withoutSpeed(List<String> lines) {
        return lines.stream().map(line -> line.replaceAll("\"tokens_per_s\":[0-9.E]+", "")).toList();
    }

    @Test
    void aRunDirectoryIsNotReusedAndEditedDataIsNotResumed() throws IOException {
        Path run = temp.resolve("run");
        TrainJobConfig config = config();
        TrainJobConfig shortRun = config.withTrain(config.train().withSteps(2));
        job.start(shortRun, run, List.of());
        IllegalArgumentException reused = assertThrows(IllegalArgumentException.class, () -> job.start(shortRun, run, List.of()));
        assertEquals(run + " already holds a run (train.json); resume it with --resume or choose another output directory",
                reused.getMessage());
        Files.writeString(corpus, "edited", java.nio.file.StandardOpenOption.APPEND);
        IllegalArgumentException edited = assertThrows(IllegalArgumentException.class, () -> job.resume(run, List.of()));
        assertTrue(edited.getMessage().startsWith(corpus + " changed since the run started"), edited.getMessage());
    }

    @Test
    void aMaskedObjectiveOnADecoderIsRefusedBeforeAnythingIsWritten() throws IOException {
        TrainJobConfig config = config();
        TrainJobConfig masked = new TrainJobConfig(config.modelSource(), config.model(), List.of(), "bert-base-uncased", config.data(),
                null, config.context(), Objectives.standard().defaults("masked-lm"), config.train());
        Path run = temp.resolve("masked");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> job.start(masked, run, List.of()));
        assertEquals("objective masked-lm needs a bidirectional model with a token head (an encoder with an mlm head); "
                + "model 'micro-gpt' is causal", error.getMessage());
        assertTrue(!Files.exists(run.resolve("train.json")));
    }
}
