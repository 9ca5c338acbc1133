package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lmlab.layers.block.BlockConfig;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.layers.norm.NormConfig;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.preset.Presets;
import org.lmlab.training.checkpoint.CheckpointException;
import org.lmlab.training.checkpoint.CheckpointState;
import org.lmlab.training.checkpoint.CheckpointStore;
import org.lmlab.training.checkpoint.WeightsInModel;
import org.lmlab.training.data.CorpusSourceConfig;
import org.lmlab.training.data.Sha256;
import org.lmlab.training.io.TrainingJson;
import org.lmlab.training.data.TokenCache;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;
import org.lmlab.training.run.RunDirectory;
import org.lmlab.training.run.RunOptions;
import org.lmlab.training.run.RunStatus;
import org.lmlab.training.run.TrainJob;
import org.lmlab.training.run.TrainJobConfig;

/**
 * The final model of a run: when {@code model/} cannot be written (an injected failing saver, as
 * a full disk) the weights are rescued outside the run, or the error says the final checkpoint
 * holds them, and {@code --resume} writes {@code model/} later; when the final checkpoint's
 * weights have the same bytes as {@code model/model.safetensors} (lmlab's layout) the two are
 * one file; when they differ (Hugging Face's layout) the final checkpoint keeps no copy and names
 * {@code model/} with its SHA-256; resume, extension (bit-identical to a run holding the weights
 * twice), the crash windows of that hand-over, a damaged {@code model/} and prune keep working.
 */
class FinalModelFilesTest {

    @TempDir
    Path temp;

    private TrainJob job;
    private Path corpus;
    private String tmpdir;

    @BeforeEach
    void setUp() throws IOException {
        job = TrainJob.standard().withCache(new TokenCache(temp.resolve("cache")));
        corpus = temp.resolve("the-verdict.txt");
        Files.writeString(corpus, TinyModels.verdict());
        tmpdir = System.getProperty("java.io.tmpdir");
        Files.createDirectories(temp.resolve("tmp"));
        System.setProperty("java.io.tmpdir", temp.resolve("tmp").toString());
    }

    @AfterEach
    void restoreTmpdir() {
        System.setProperty("java.io.tmpdir", tmpdir);
    }

    /** A micro GPT saved in {@code directory}; with RMSNorm no Hugging Face family expresses it, so it is saved in lmlab's layout. */
    private TrainJobConfig config(Path directory, boolean rmsNorm) throws IOException {
        return config(directory, rmsNorm, 0);
    }

    /** The same, with a checkpoint every {@code checkpointEvery} steps besides the final one (0: only the final one). */
    private TrainJobConfig config(Path directory, boolean rmsNorm, int checkpointEvery) throws IOException {
        ModelConfig gpt = Presets.gpt2("micro-gpt", 16, 1, 2, 16, true, true, 0f);
        if (rmsNorm) {
            BlockConfig block = gpt.block();
            gpt = new ModelConfig("micro-rms", gpt.stack(), gpt.vocabSize(), gpt.width(), gpt.layers(), gpt.typeVocabSize(),
                    gpt.positions(), new BlockConfig(block.attention(), new NormConfig("rms-norm", 1e-5f), block.feedForward(),
                    block.placement(), block.residualDropout()), gpt.embeddingNorm(), gpt.finalNorm(), gpt.pooler(),
                    gpt.embeddingDropout(), gpt.head(), gpt.init());
        }
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = Models.standard().build(gpt);
            manager.getEngine().setRandomSeed(3);
            model.initialize(manager);
            assertEquals(rmsNorm ? ModelDirectory.Layout.LMLAB : ModelDirectory.Layout.HUGGING_FACE,
                    ModelDirectory.standard().save(model, directory));
        }
        TrainConfig train = new TrainConfig(2, 1, 4, 0, 1.0, 2, 1, checkpointEvery, 2, 1, 11, AdamWConfig.BOOK,
                new ScheduleConfig(1e-3, 1, 1e-4));
        return new TrainJobConfig(directory.toString(), job.resolveModel(directory.toString()), List.of(), "gpt2",
                CorpusSourceConfig.of(corpus.toString(), 0.1, 0), null, 16, Objectives.standard().defaults("causal-lm"), train);
    }

    private static RunOptions quiet() {
        return RunOptions.defaults().withoutSignals().withCheckpointMinutes(0);
    }

    private static Path weights(Path modelDirectory) {
        return modelDirectory.resolve(ModelDirectory.WEIGHTS);
    }

    /** Fails every save under {@code root}, as a full disk there would; saves elsewhere normally. */
    private static TrainJob.ModelSaver fullUnder(Path root) {
        return (model, directory) -> {
            if (directory.startsWith(root)) {
                throw new IOException("No space left on device");
            }
            ModelDirectory.standard().save(model, directory);
        };
    }

    @Test
    void aFinalModelThatCannotBeSavedIsRescuedOutsideTheRun_andResumeWritesItLater() throws IOException {
        TrainJobConfig config = config(temp.resolve("micro-gpt"), false);
        Path straight = temp.resolve("straight");
        job.start(config, straight, List.of(), quiet());

        Path run = temp.resolve("run");
        IOException failure = assertThrows(IOException.class,
                () -> job.withModelSaver(fullUnder(run)).start(config, run, List.of(), quiet()));
        Path rescue = temp.resolve("tmp").resolve("lmlab-rescue-run-" + ProcessHandle.current().pid()).resolve("model");
        assertEquals("could not save the final model: writing " + weights(run.resolve("model")) + " failed (No space left on"
                + " device); the trained weights were rescued to " + rescue + " (a model directory); free space and run lmlab"
                + " train --resume " + run + " to write " + run.resolve("model") + " from the final checkpoint",
                failure.getMessage());
        assertArrayEquals(Files.readAllBytes(weights(straight.resolve("model"))), Files.readAllBytes(weights(rescue)),
                "the rescued weights are the trained ones");
        assertTrue(Files.isRegularFile(rescue.resolve("config.json")) && Files.isRegularFile(rescue.resolve("lmlab-tokenizer.json")),
                "the rescue is a whole model directory");
        assertEquals(RunStatus.FAILED, RunStatus.read(new RunDirectory(run)).orElseThrow().state());

        assertTrue(Files.isRegularFile(finalCheckpoint(run).resolve("model.safetensors")),
                "until model/ is written the final checkpoint keeps its weights");

        TrainSummary resumed = job.resume(run, List.of(), quiet());
        assertEquals(4, resumed.steps());
        assertEquals(RunStatus.COMPLETE, RunStatus.read(new RunDirectory(run)).orElseThrow().state());
        assertArrayEquals(Files.readAllBytes(weights(straight.resolve("model"))), Files.readAllBytes(weights(run.resolve("model"))));
        assertFalse(Files.exists(finalCheckpoint(run).resolve("model.safetensors")), "once it is, the checkpoint gives its copy up");
    }

    @Test
    void whenTheRescueFailsTooTheErrorNamesTheFinalCheckpoint() throws IOException {
        TrainJobConfig config = config(temp.resolve("micro-gpt"), false);
        Path run = temp.resolve("run");
        IOException failure = assertThrows(IOException.class,
                () -> job.withModelSaver(fullUnder(temp)).start(config, run, List.of(), quiet()));
        Path rescue = temp.resolve("tmp").resolve("lmlab-rescue-run-" + ProcessHandle.current().pid());
        assertEquals("could not save the final model: writing " + weights(run.resolve("model")) + " failed (No space left on"
                + " device); rescuing them to " + rescue.resolve("model") + " failed too (No space left on device); the last"
                + " checkpoint " + run.resolve("checkpoints").resolve("step-000004") + " (step 4) holds them: free space and run"
                + " lmlab train --resume " + run + " to save them again", failure.getMessage());
        assertFalse(Files.exists(rescue), "a failed rescue leaves nothing");
        assertEquals(4, job.resume(run, List.of(), quiet()).steps());
        assertTrue(Files.isRegularFile(weights(run.resolve("model"))));
    }

    @Test
    void inLmlabsLayoutTheFinalCheckpointAndTheModelAreOneFile_resumeAndPruneStillWork() throws IOException {
        Path run = temp.resolve("run");
        job.start(config(temp.resolve("micro-rms"), true), run, List.of(), quiet());
        Path model = weights(run.resolve("model"));
        Path checkpointDirectory = run.resolve("checkpoints").resolve("step-000004");
        Path checkpoint = checkpointDirectory.resolve("model.safetensors");
        assertEquals(fileKey(checkpoint), fileKey(model), "one inode");
        assertEquals(2, Files.getAttribute(model, "unix:nlink"));
        byte[] trained = Files.readAllBytes(model);

        // Resuming the finished run verifies the checkpoint's hashes and trains nothing.
        assertResumeFindsItComplete(run, 4);

        // Pruning frees the optimizer state (and the small files), not the weights model/ still holds.
        long expected;
        try (Stream<Path> steps = Files.list(run.resolve("checkpoints"))) {
            assertEquals(List.of("latest", "step-000004"), steps.map(p -> p.getFileName().toString()).sorted().toList(),
                    "timed and periodic checkpoints are off: only the final one");
        }
        expected = Files.size(checkpointDirectory.resolve("optimizer.safetensors")) + Files.size(checkpointDirectory.resolve("state.json"))
                + Files.size(run.resolve("checkpoints").resolve("latest"));
        assertEquals(expected, job.prune(run));
        assertFalse(Files.exists(run.resolve("checkpoints")));
        assertArrayEquals(trained, Files.readAllBytes(model));
        assertEquals(1, Files.getAttribute(model, "unix:nlink"));
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel loaded = ModelDirectory.standard().load(run.resolve("model"), manager);
            assertEquals(List.of(1, 16), List.of(loaded.config().layers(), loaded.config().width()), "model/ still loads");
        }
    }

    @Test
    void inHuggingFacesLayoutTheFinalCheckpointKeepsNoCopy_itNamesModelWithItsHash_andResumeAndPruneStillWork()
            throws IOException {
        Path run = temp.resolve("run");
        job.start(config(temp.resolve("micro-gpt"), false), run, List.of(), quiet());
        Path model = weights(run.resolve("model"));
        Path checkpoint = finalCheckpoint(run);
        assertEquals(List.of("checkpoints/step-000004/optimizer.safetensors", "model/model.safetensors"), tensorFiles(run),
                "the weights are held once");
        assertEquals(1, Files.getAttribute(model, "unix:nlink"));
        CheckpointState state = TrainingJson.read(checkpoint.resolve("state.json"), CheckpointState.class);
        assertEquals(new WeightsInModel("../../model", Sha256.of(model)), state.modelWeights());
        assertEquals(2, state.format());
        assertEquals(java.util.Set.of("optimizer.safetensors"), state.sha256().keySet());
        byte[] trained = Files.readAllBytes(model);

        assertResumeFindsItComplete(run, 4);
        assertArrayEquals(trained, Files.readAllBytes(model), "resuming a finished run rewrites nothing");

        long expected = Files.size(checkpoint.resolve("optimizer.safetensors")) + Files.size(checkpoint.resolve("state.json"))
                + Files.size(run.resolve("checkpoints").resolve("latest"));
        assertEquals(expected, job.prune(run), "pruning frees the optimizer state and the small files");
        assertFalse(Files.exists(run.resolve("checkpoints")));
        assertArrayEquals(trained, Files.readAllBytes(model));
    }

    @Test
    void extendingARunWhoseWeightsLiveInModelIsBitIdenticalToExtendingOneThatHoldsThemTwice() throws IOException {
        TrainJobConfig config = config(temp.resolve("micro-gpt"), false);
        Path shared = temp.resolve("shared");
        job.start(config, shared, List.of(), quiet());
        Path twice = temp.resolve("twice");
        List<String> warnings = new java.util.ArrayList<>();
        job.withCheckpointStateWriter(refusingSharedStates()).start(config, twice, List.of(warningsInto(warnings)), quiet());
        assertEquals(List.of("the final checkpoint keeps its own copy of the weights beside " + twice.resolve("model")
                + " (sharing them failed: No space left on device)"), warnings);
        assertTrue(Files.isRegularFile(finalCheckpoint(twice).resolve("model.safetensors")), "today's layout: the weights twice");
        assertFalse(Files.exists(finalCheckpoint(shared).resolve("model.safetensors")));
        assertArrayEquals(Files.readAllBytes(weights(twice.resolve("model"))), Files.readAllBytes(weights(shared.resolve("model"))));

        RunOptions extend = quiet().extendedBy(3, null);
        TrainSummary extendedShared = job.resume(shared, List.of(), extend);
        TrainSummary extendedTwice = job.withCheckpointStateWriter(refusingSharedStates()).resume(twice, List.of(), extend);
        assertEquals(7, extendedShared.steps());
        assertEquals(extendedTwice.trainLoss(), extendedShared.trainLoss());
        assertEquals(losses(twice), losses(shared), "every loss of the extension, bit for bit");
        assertEquals(4 + 3, losses(shared).stream().filter(line -> line.startsWith("train ")).count());
        assertArrayEquals(Files.readAllBytes(weights(twice.resolve("model"))), Files.readAllBytes(weights(shared.resolve("model"))),
                "the extended final weights");
        // keep_checkpoints is 2: the old end (step 4) was given its own copy back before model/ was overwritten,
        // with the bytes it had before it gave it up.
        Path oldEnd = shared.resolve("checkpoints").resolve("step-000004");
        assertArrayEquals(Files.readAllBytes(oldEnd.resolve("model.safetensors")),
                Files.readAllBytes(twice.resolve("checkpoints").resolve("step-000004").resolve("model.safetensors")));
        assertEquals(null, TrainingJson.read(oldEnd.resolve("state.json"), CheckpointState.class).modelWeights());
        assertEquals(List.of("checkpoints/step-000004/model.safetensors", "checkpoints/step-000004/optimizer.safetensors",
                "checkpoints/step-000007/optimizer.safetensors", "model/model.safetensors"), tensorFiles(shared));
        assertEquals(4, new CheckpointStore(shared.resolve("checkpoints"), 2).read(oldEnd).state().step(), "step 4 reads on its own");
    }

    @ParameterizedTest(name = "killed {0} the checkpoint names model/")
    @ValueSource(strings = {"before", "after"})
    void aRunKilledWhileTheFinalCheckpointHandsItsWeightsToModelResumesToTheSameRun(String when) throws IOException {
        TrainJobConfig config = config(temp.resolve("micro-gpt"), false);
        Path straight = temp.resolve("straight");
        job.start(config, straight, List.of(), quiet());

        Path run = temp.resolve("run");
        CheckpointStore.StateWriter killing = (file, state) -> {
            if (state.weightsInModel()) {
                if (when.equals("after")) {
                    TrainingJson.write(file, state);
                }
                throw new IllegalStateException("killed");
            }
            TrainingJson.write(file, state);
        };
        assertThrows(IllegalStateException.class, () -> job.withCheckpointStateWriter(killing).start(config, run, List.of(), quiet()));
        assertEquals(RunStatus.FAILED, RunStatus.read(new RunDirectory(run)).orElseThrow().state());
        assertTrue(Files.isRegularFile(finalCheckpoint(run).resolve("model.safetensors")), "the copy is deleted last");
        assertEquals(when.equals("after"), TrainingJson.read(finalCheckpoint(run).resolve("state.json"), CheckpointState.class)
                .weightsInModel());

        assertEquals(4, job.resume(run, List.of(), quiet()).steps());
        assertEquals(RunStatus.COMPLETE, RunStatus.read(new RunDirectory(run)).orElseThrow().state());
        assertEquals(List.of("checkpoints/step-000004/optimizer.safetensors", "model/model.safetensors"), tensorFiles(run));
        assertArrayEquals(Files.readAllBytes(weights(straight.resolve("model"))), Files.readAllBytes(weights(run.resolve("model"))));
        job.resume(run, List.of(), quiet().extendedBy(2, null));
        job.resume(straight, List.of(), quiet().extendedBy(2, null));
        assertArrayEquals(Files.readAllBytes(weights(straight.resolve("model"))), Files.readAllBytes(weights(run.resolve("model"))));
    }

    @Test
    void aDamagedOrMissingModelFailsTheResumeWithOneLineSayingWhatToDo() throws IOException {
        Path run = temp.resolve("run");
        job.start(config(temp.resolve("micro-gpt"), false), run, List.of(), quiet());
        Path model = weights(run.resolve("model"));
        String recorded = Sha256.of(model);
        byte[] trained = Files.readAllBytes(model);
        byte[] damaged = trained.clone();
        damaged[damaged.length - 1] ^= 1;
        Files.write(model, damaged);
        CheckpointException changed = assertThrows(CheckpointException.class,
                () -> job.resume(run, List.of(), quiet().extendedBy(2, null)));
        assertEquals("no usable checkpoint in " + run.resolve("checkpoints") + ": checkpoint step-000004 is unusable (" + model
                + ": SHA-256 " + Sha256.of(model) + " does not match the recorded " + recorded + " (changed or damaged since the"
                + " run finished); the checkpoint step-000004 keeps no copy of these weights: restore that file to resume or"
                + " extend the run)", changed.getMessage());

        Files.delete(model);
        CheckpointException missing = assertThrows(CheckpointException.class, () -> job.resume(run, List.of(), quiet()));
        assertEquals("no usable checkpoint in " + run.resolve("checkpoints") + ": checkpoint step-000004 is unusable (" + model
                + ": missing; the checkpoint step-000004 keeps no copy of these weights: restore that file to resume or extend"
                + " the run)", missing.getMessage());

        Files.write(model, trained);
        assertEquals(6, job.resume(run, List.of(), quiet().extendedBy(2, null)).steps(), "the restored file resumes");
    }

    @Test
    void withAnEarlierCheckpointAMissingModelFallsBackToItAndTrainsTheEndAgain() throws IOException {
        Path run = temp.resolve("run");
        job.start(config(temp.resolve("micro-gpt"), false, 2), run, List.of(), quiet());
        Path model = weights(run.resolve("model"));
        byte[] trained = Files.readAllBytes(model);
        Files.delete(model);
        List<String> warnings = new java.util.ArrayList<>();
        assertEquals(4, job.resume(run, List.of(warningsInto(warnings)), quiet()).steps());
        assertEquals(List.of("checkpoint step-000004 is unusable (" + model + ": missing; the checkpoint step-000004 keeps no copy"
                + " of these weights: restore that file to resume or extend the run); falling back to an older one"), warnings);
        assertArrayEquals(trained, Files.readAllBytes(model), "steps 3 and 4 trained again give the same model");
        assertEquals(List.of("checkpoints/step-000002/model.safetensors", "checkpoints/step-000002/optimizer.safetensors",
                "checkpoints/step-000004/optimizer.safetensors", "model/model.safetensors"), tensorFiles(run),
                "only the final checkpoint gives its copy up");
    }

    /** Fails, as a full disk would, every write of a state that names {@code model/}: the run keeps today's two copies. */
    private static CheckpointStore.StateWriter refusingSharedStates() {
        return (file, state) -> {
            if (state.weightsInModel()) {
                throw new IOException("No space left on device");
            }
            TrainingJson.write(file, state);
        };
    }

    private static TrainerListener warningsInto(List<String> warnings) {
        return new TrainerListener() {
            @Override
            public void onWarning(String message) {
                warnings.add(message);
            }
        };
    }

    private static Path finalCheckpoint(Path run) {
        return run.resolve("checkpoints").resolve("step-000004");
    }

    /** The run's tensor files, relative, sorted. */
    private static List<String> tensorFiles(Path run) throws IOException {
        try (Stream<Path> files = Files.walk(run)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".safetensors"))
                    .map(file -> run.relativize(file).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** Every loss of {@code metrics.jsonl} as "split step loss" (no timings). */
    private static List<String> losses(Path run) throws IOException {
        List<String> losses = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            com.fasterxml.jackson.databind.JsonNode node = org.lmlab.layers.config.Json.MAPPER.readTree(line);
            losses.add(node.get("split").asText() + " " + node.get("step").asLong() + " " + node.get("loss").asDouble());
        }
        return losses;
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    /** {@code --resume} of a finished run reports it complete (the listener hears it) and trains nothing. */
    private void assertResumeFindsItComplete(Path run, long steps) throws IOException {
        List<Boolean> complete = new java.util.ArrayList<>();
        TrainSummary again = job.resume(run, List.of(new TrainerListener() {
            @Override
            public void onAlreadyComplete(TrainSummary summary) {
                complete.add(true);
            }
        }), quiet());
        assertEquals(List.of(true), complete);
        assertEquals(steps, again.steps());
    }
}
