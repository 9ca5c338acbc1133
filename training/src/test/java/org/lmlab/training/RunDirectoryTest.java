package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.preset.Presets;
import org.lmlab.models.safetensors.SafetensorsWriter;
import org.lmlab.training.data.CorpusSourceConfig;
import org.lmlab.training.data.TokenCache;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;
import org.lmlab.training.optim.ScheduleSegment;
import org.lmlab.training.run.RunDirectory;
import org.lmlab.training.run.RunLock;
import org.lmlab.training.run.RunOptions;
import org.lmlab.training.run.RunStatus;
import org.lmlab.training.run.TrainJob;
import org.lmlab.training.run.TrainJobConfig;
import org.lmlab.training.text.ModelText;
import org.lmlab.training.text.ModelTokenizer;

/**
 * What a run directory promises, through {@link TrainJob} with a one-layer, 16-wide GPT-2-shaped
 * model on the-verdict: a stop request ends a run with a checkpoint it resumes from exactly;
 * checkpoints follow a wall-clock interval; a failed start leaves nothing; a directory that is not
 * a run is never written into; one writer at a time; a complete run says so and can be extended;
 * a failing checkpoint write keeps the previous one; the final model remembers its tokenizer.
 */
class RunDirectoryTest {

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
        modelDirectory = temp.resolve("micro-gpt");
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = Models.standard().build(Presets.gpt2("micro-gpt", 16, 1, 2, 16, true, true, 0.1f));
            manager.getEngine().setRandomSeed(3);
            model.initialize(manager);
            ModelDirectory.standard().save(model, modelDirectory);
        }
    }

    /** Six steps, evaluation every 3, a checkpoint every {@code checkpointEvery} steps (0: only at the end). */
    private TrainJobConfig config(int checkpointEvery, String tokenizer) throws IOException {
        TrainConfig train = new TrainConfig(2, 1, 6, 0, 1.0, 3, 2, checkpointEvery, 2, 1, 11,
                AdamWConfig.BOOK, new ScheduleConfig(1e-3, 1, 1e-4));
        return new TrainJobConfig(modelDirectory.toString(), job.resolveModel(modelDirectory.toString()), List.of(), tokenizer,
                CorpusSourceConfig.of(corpus.toString(), 0.1, 0), null, 16, Objectives.standard().defaults("causal-lm"), train);
    }

    private static RunOptions quiet() {
        return RunOptions.defaults().withoutSignals();
    }

    private static byte[] weights(Path run) throws IOException {
        return Files.readAllBytes(run.resolve("model").resolve(ModelDirectory.WEIGHTS));
    }

    private static List<String> withoutSpeed(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .map(line -> line.replaceAll("\"tokens_per_s\":[0-9.E]+", "")).toList();
    }

    /** Asks the run to stop when a step is reported, as the SIGINT handler does. */
    private static TrainerListener stopAt(RunControl control, long step) {
        return new TrainerListener() {
            @Override
            public void onStep(StepReport report) {
                if (report.step() == step) {
                    control.requestStop("SIGINT");
                }
            }
        };
    }

    @Test
    void aStopRequestFinishesTheStepWritesACheckpointAndTheResumeIsExact() throws IOException {
        Path straight = temp.resolve("straight");
        job.start(config(0, "gpt2"), straight, List.of(), quiet());

        Path stopped = temp.resolve("stopped");
        RunControl control = RunControl.none();
        TrainingInterruptedException stop = assertThrows(TrainingInterruptedException.class,
                () -> job.start(config(0, "gpt2"), stopped, List.of(stopAt(control, 4)), quiet().withControl(control)));
        Path checkpoint = stopped.resolve("checkpoints").resolve("step-000004");
        assertEquals("stopped by SIGINT after step 4 of 6; checkpoint " + checkpoint + " holds it", stop.getMessage());
        assertEquals(stopped, stop.runDirectory());
        assertEquals(RunStatus.INTERRUPTED, RunStatus.read(new RunDirectory(stopped)).orElseThrow().state());
        assertFalse(Files.exists(stopped.resolve("model")));

        TrainSummary resumed = job.resume(stopped, List.of(), quiet());
        assertEquals(6, resumed.steps());
        assertArrayEquals(weights(straight), weights(stopped));
        assertEquals(withoutSpeed(straight), withoutSpeed(stopped));
        assertEquals(RunStatus.COMPLETE, RunStatus.read(new RunDirectory(stopped)).orElseThrow().state());
    }

    @Test
    void checkpointsAreWrittenOnTheWallClockIntervalAsWellAsAtTheEnd() throws IOException {
        AtomicLong nanos = new AtomicLong();
        RunControl everyTenMinutes = new RunControl(Duration.ofMinutes(10), nanos::get);
        List<Long> checkpoints = new ArrayList<>();
        TrainerListener fourMinutesPerStep = new TrainerListener() {
            @Override
            public void onStep(StepReport report) {
                nanos.addAndGet(Duration.ofMinutes(4).toNanos());
            }

            @Override
            public void onCheckpoint(long step, Path directory) {
                checkpoints.add(step);
            }
        };
        job.start(config(0, "gpt2"), temp.resolve("timed"), List.of(fourMinutesPerStep), quiet().withControl(everyTenMinutes));
        // 12 minutes after step 3, 12 more after step 6 (the end).
        assertEquals(List.of(3L, 6L), checkpoints);
    }

    @Test
    void aStartThatFailsBeforeItsFirstCheckpointLeavesNothingBehind() throws IOException {
        TrainerListener crash = new TrainerListener() {
            @Override
            public void onStep(StepReport report) {
                throw new IllegalStateException("crashed at step " + report.step());
            }
        };
        Path fresh = temp.resolve("fresh");
        assertThrows(IllegalStateException.class, () -> job.start(config(0, "gpt2"), fresh, List.of(crash), quiet()));
        assertFalse(Files.exists(fresh), "a directory the run created is removed");

        Path empty = Files.createDirectory(temp.resolve("empty"));
        assertThrows(IllegalStateException.class, () -> job.start(config(0, "gpt2"), empty, List.of(crash), quiet()));
        assertEquals(List.of(), list(empty), "a directory that was there stays, empty");

        // Bad data is found before anything is written.
        TrainJobConfig config = config(0, "gpt2");
        TrainJobConfig hugeBatch = config.withTrain(new TrainConfig(1000, 1, 6, 0, 1.0, 3, 2, 0, 2, 1, 11,
                AdamWConfig.BOOK, new ScheduleConfig(1e-3, 1, 1e-4)));
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> job.start(hugeBatch, temp.resolve("batch"), List.of(), quiet()));
        assertTrue(batch.getMessage().contains("fewer than one batch of 1000"), batch.getMessage());
        assertFalse(Files.exists(temp.resolve("batch")));
    }

    @Test
    void aStopBeforeTheFirstStepKeepsNothingAndARunKilledBeforeItsFirstCheckpointTrainsAgainFromStepZero()
            throws IOException {
        RunControl stopped = RunControl.none();
        stopped.requestStop("SIGTERM");
        Path early = temp.resolve("early");
        TrainingInterruptedException stop = assertThrows(TrainingInterruptedException.class,
                () -> job.start(config(0, "gpt2"), early, List.of(), quiet().withControl(stopped)));
        assertEquals("stopped by SIGTERM before the first step; nothing was trained and nothing was kept in " + early,
                stop.getMessage());
        assertFalse(stop.resumable());
        assertFalse(Files.exists(early));

        // kill -9 before the first checkpoint leaves train.json and metrics but no checkpoint: --resume starts over.
        Path straight = temp.resolve("straight");
        job.start(config(0, "gpt2"), straight, List.of(), quiet());
        Path killed = temp.resolve("killed");
        Files.createDirectories(killed);
        Files.copy(straight.resolve("train.json"), killed.resolve("train.json"));
        Files.writeString(killed.resolve("metrics.jsonl"), "{\"step\":0,\"split\":\"val\",\"loss\":10.9,\"targets\":1}\n{\"st");
        List<String> warnings = new ArrayList<>();
        TrainerListener warned = new TrainerListener() {
            @Override
            public void onWarning(String message) {
                warnings.add(message);
            }
        };
        job.resume(killed, List.of(warned), quiet());
        assertEquals(List.of(killed + " has no checkpoint yet (it stopped before its first one): training it again from step 0"),
                warnings);
        assertArrayEquals(weights(straight), weights(killed));
        assertEquals(withoutSpeed(straight), withoutSpeed(killed));
    }

    @Test
    void aDirectoryThatIsNotARunIsNeverWrittenInto() throws IOException {
        Path other = Files.createDirectory(temp.resolve("other"));
        Files.writeString(other.resolve("metrics.jsonl"), "mine\n");
        Files.createDirectory(other.resolve("model"));
        Files.writeString(other.resolve("model").resolve("config.json"), "{}");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> job.start(config(0, "gpt2"), other, List.of(), quiet()));
        assertEquals(other + " is not empty and is not an lmlab run (it holds metrics.jsonl, model); a run never overwrites"
                + " files it did not write: choose a new or empty directory", refused.getMessage());
        assertEquals("mine\n", Files.readString(other.resolve("metrics.jsonl")));
        assertEquals("{}", Files.readString(other.resolve("model").resolve("config.json")));

        Path file = Files.writeString(temp.resolve("afile"), "x");
        IllegalArgumentException notDirectory = assertThrows(IllegalArgumentException.class,
                () -> job.start(config(0, "gpt2"), file, List.of(), quiet()));
        assertEquals(file + " is a file; a run directory must be a new or empty directory", notDirectory.getMessage());
    }

    @Test
    void oneProcessWritesARunAtATime() throws IOException {
        Path run = temp.resolve("run");
        job.start(config(2, "gpt2"), run, List.of(), quiet());
        Files.writeString(run.resolve("checkpoints").resolve("latest"), "step-000002\n");
        deleteTree(run.resolve("checkpoints").resolve("step-000006"));
        deleteTree(run.resolve("checkpoints").resolve("step-000004"));
        List<IOException> second = new ArrayList<>();
        TrainerListener tryAgain = new TrainerListener() {
            @Override
            public void onStep(StepReport report) {
                if (report.step() == 3) {
                    try {
                        job.resume(run, List.of(), quiet());
                    } catch (IOException refused) {
                        second.add(refused);
                    }
                }
            }
        };
        job.resume(run, List.of(tryAgain), quiet());
        assertEquals(1, second.size());
        assertTrue(second.get(0) instanceof RunLock.RunInUseException, second.get(0).toString());
        assertTrue(second.get(0).getMessage().startsWith(run + " is in use by another lmlab run (pid "
                + ProcessHandle.current().pid() + ", this process); one process writes a run at a time"), second.get(0).getMessage());
        // The lock is released with the run: the next resume goes through (and finds the run complete).
        assertEquals(6, job.resume(run, List.of(), quiet()).steps());
    }

    @Test
    void aCompleteRunSaysSoAndAnExtensionIsANewScheduleSegmentThatResumesExactly() throws IOException {
        Path run = temp.resolve("run");
        job.start(config(0, "gpt2"), run, List.of(), quiet());
        byte[] finished = weights(run);
        List<TrainSummary> complete = new ArrayList<>();
        List<TrainSummary> trained = new ArrayList<>();
        TrainerListener listener = new TrainerListener() {
            @Override
            public void onAlreadyComplete(TrainSummary summary) {
                complete.add(summary);
            }

            @Override
            public void onFinish(TrainSummary summary) {
                trained.add(summary);
            }
        };
        TrainSummary again = job.resume(run, List.of(listener), quiet());
        assertEquals(1, complete.size());
        assertEquals(List.of(), trained, "a complete run trains nothing");
        assertEquals(6, again.steps());
        assertTrue(again.bestValidationStep() >= 0 && Double.isFinite(again.bestValidationLoss()), again.toString());
        assertArrayEquals(finished, weights(run));

        // Two more steps, at the rate the run ended with (the cosine's floor).
        Path copy = temp.resolve("copy");
        copyTree(run, copy);
        TrainSummary extended = job.resume(run, List.of(), quiet().extendedBy(2, null));
        assertEquals(8, extended.steps());
        RunStatus status = RunStatus.read(new RunDirectory(run)).orElseThrow();
        assertEquals(List.of(new ScheduleSegment(2, ScheduleConfig.constant(1e-4))), status.extensions());
        assertEquals(8, status.totalSteps());
        assertFalse(java.util.Arrays.equals(finished, weights(run)));
        assertEquals(8, job.resume(run, List.of(), quiet()).steps(), "the extended run is complete at 8");

        // The same extension stopped after its first step and resumed ends with the same weights.
        RunControl control = RunControl.none();
        assertThrows(TrainingInterruptedException.class,
                () -> job.resume(copy, List.of(stopAt(control, 7)), quiet().extendedBy(2, null).withControl(control)));
        job.resume(copy, List.of(), quiet());
        assertArrayEquals(weights(run), weights(copy));
        assertEquals(withoutSpeed(run), withoutSpeed(copy));
    }

    @Test
    void aCheckpointThatCannotBeWrittenNamesTheFileAndKeepsThePreviousOne() throws IOException {
        int[] writes = {0};
        TrainJob fullDisk = job.withCheckpointWriter((file, tensors, metadata) -> {
            if (file.getFileName().toString().equals("model.safetensors") && ++writes[0] == 2) {
                throw new IOException("No space left on device");
            }
            SafetensorsWriter.write(file, tensors, metadata);
        });
        Path run = temp.resolve("run");
        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> fullDisk.start(config(2, "gpt2"), run, List.of(), quiet()));
        Path checkpoints = run.resolve("checkpoints");
        assertEquals("checkpoint of step 4: could not write " + checkpoints.resolve("step-000004").resolve("model.safetensors")
                + " (No space left on device); the previous checkpoint " + checkpoints.resolve("step-000002") + " is kept",
                error.getMessage());
        assertEquals("step-000002", Files.readString(checkpoints.resolve("latest")).strip());
        assertEquals(RunStatus.FAILED, RunStatus.read(new RunDirectory(run)).orElseThrow().state());
        assertEquals(6, job.resume(run, List.of(), quiet()).steps(), "with space again, the run resumes");
    }

    @Test
    void theFinalModelRemembersItsTokenizer() throws IOException {
        // A GPT-2-sized vocabulary trained with BERT's tokenizer is read with BERT's, not GPT-2's.
        Path bert = temp.resolve("bert");
        job.start(config(0, "bert-base-uncased"), bert, List.of(), quiet());
        ModelConfigHolder model = new ModelConfigHolder(job, bert.resolve("model"));
        assertEquals("bert-base-uncased", ModelText.tokenizerName(bert.resolve("model").toString(), model.config));
        assertEquals("bert-base-uncased", ModelText.tokenizerName(bert.toString(), model.config), "a run means its model");

        // A tokenizer read from a file is copied into the model directory and checked by its hash.
        Path chars = temp.resolve("chars");
        job.start(config(0, "char:" + corpus), chars, List.of(), quiet());
        Path copied = chars.resolve("model").resolve(ModelTokenizer.FILES_DIRECTORY).resolve(corpus.getFileName());
        assertEquals(Files.readString(corpus), Files.readString(copied));
        assertEquals("char:" + copied, ModelText.tokenizerName(chars.resolve("model").toString(), model.config));
        Files.writeString(copied, "changed");
        UncheckedIOException changed = assertThrows(UncheckedIOException.class,
                () -> ModelText.tokenizerName(chars.resolve("model").toString(), model.config));
        assertTrue(changed.getMessage().startsWith(copied + ": SHA-256 "), changed.getMessage());
    }

    @Test
    void pruningAFinishedRunDropsItsCheckpointsAndKeepsItsModel() throws IOException {
        Path run = temp.resolve("run");
        job.start(config(2, "gpt2"), run, List.of(), quiet());
        byte[] finished = weights(run);
        assertTrue(job.prune(run) > 0);
        assertFalse(Files.exists(run.resolve("checkpoints")));
        assertArrayEquals(finished, weights(run));
        IllegalArgumentException pruned = assertThrows(IllegalArgumentException.class, () -> job.resume(run, List.of(), quiet()));
        assertTrue(pruned.getMessage().startsWith(run + " was pruned"), pruned.getMessage());

        RunControl control = RunControl.none();
        Path unfinished = temp.resolve("unfinished");
        assertThrows(TrainingInterruptedException.class,
                () -> job.start(config(2, "gpt2"), unfinished, List.of(stopAt(control, 2)), quiet().withControl(control)));
        IllegalArgumentException notDone = assertThrows(IllegalArgumentException.class, () -> job.prune(unfinished));
        assertEquals(unfinished + " is not complete (interrupted at step 2 of 6); its checkpoints are how it resumes,"
                + " so only a finished run is pruned", notDone.getMessage());
    }

    /** A model directory's config, read once. */
    private static final class ModelConfigHolder {
        final org.lmlab.models.config.ModelConfig config;

        ModelConfigHolder(TrainJob job, Path directory) throws IOException {
            config = job.resolveModel(directory.toString());
        }
    }

    private static List<String> list(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else if (!path.getFileName().toString().equals(RunDirectory.LOCK)) {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
