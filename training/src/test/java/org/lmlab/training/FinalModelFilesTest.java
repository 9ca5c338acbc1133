package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.lmlab.layers.block.BlockConfig;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.layers.norm.NormConfig;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.preset.Presets;
import org.lmlab.training.data.CorpusSourceConfig;
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
 * one file, and resume and prune keep working.
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
        TrainConfig train = new TrainConfig(2, 1, 4, 0, 1.0, 2, 1, 0, 2, 1, 11, AdamWConfig.BOOK, new ScheduleConfig(1e-3, 1, 1e-4));
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

        TrainSummary resumed = job.resume(run, List.of(), quiet());
        assertEquals(4, resumed.steps());
        assertEquals(RunStatus.COMPLETE, RunStatus.read(new RunDirectory(run)).orElseThrow().state());
        assertArrayEquals(Files.readAllBytes(weights(straight.resolve("model"))), Files.readAllBytes(weights(run.resolve("model"))));
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
        List<Boolean> complete = new java.util.ArrayList<>();
        TrainSummary again = job.resume(run, List.of(new TrainerListener() {
            @Override
            public void onAlreadyComplete(TrainSummary summary) {
                complete.add(true);
            }
        }), quiet());
        assertEquals(List.of(true), complete);
        assertEquals(4, again.steps());

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
    void inHuggingFacesLayoutTheBytesDifferSoTheFilesStaySeparate() throws IOException {
        Path run = temp.resolve("run");
        job.start(config(temp.resolve("micro-gpt"), false), run, List.of(), quiet());
        Path model = weights(run.resolve("model"));
        Path checkpoint = run.resolve("checkpoints").resolve("step-000004").resolve("model.safetensors");
        assertNotEquals(fileKey(checkpoint), fileKey(model));
        assertEquals(1, Files.getAttribute(model, "unix:nlink"));
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }
}
