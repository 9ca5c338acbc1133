package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.safetensors.SafetensorsFile;
import org.lmlab.training.data.CorpusSourceConfig;
import org.lmlab.training.data.TokenCache;
import org.lmlab.training.model.Freeze;
import org.lmlab.training.model.ModelEditConfig;
import org.lmlab.training.model.ReplaceHead;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;
import org.lmlab.training.run.TrainJob;
import org.lmlab.training.run.TrainJobConfig;

/**
 * Model edits through the job layer: a run from a model directory that replaces the tied head
 * by an untied one (the source has no such matrix: it is reported and starts from its init) and
 * freezes all but the last block keeps the frozen embeddings bit-identical and checkpoints
 * optimizer state for the trainable parameters only; it resumes exactly.
 */
class TrainJobEditsTest {

    @TempDir
    Path temp;

    private TrainJob job;
    private Path source;
    private Path corpus;

    @BeforeEach
    void setUp() throws IOException {
        job = TrainJob.standard().withCache(new TokenCache(temp.resolve("cache")));
        corpus = temp.resolve("the-verdict.txt");
        Files.writeString(corpus, TinyModels.verdict());
        source = TinyModels.savedMicroGpt(temp.resolve("micro-gpt"), 2, 0.1f, 3);
    }

    private TrainJobConfig config() throws IOException {
        List<ModelEditConfig> edits = List.of(
                new ReplaceHead.Config(ReplaceHead.NAME, HeadConfig.languageModel(false)),
                new Freeze.Config(Freeze.NAME, "last-block", 0));
        TrainConfig train = new TrainConfig(2, 1, 4, 0, 1.0, 2, 1, 2, 2, 1, 17, AdamWConfig.BOOK, new ScheduleConfig(1e-3, 0, 1e-3));
        return new TrainJobConfig(source.toString(), job.editedModel(source.toString(), edits), edits, "gpt2",
                CorpusSourceConfig.of(corpus.toString(), 0.1, 0), null, 16, Objectives.standard().defaults("causal-lm"), train);
    }

    @Test
    void editsReplaceTheHeadFreezeTheBodyAndResumeExactly() throws IOException {
        List<String> warnings = new ArrayList<>();
        TrainerListener warningsHeard = new TrainerListener() {
            @Override
            public void onWarning(String message) {
                warnings.add(message);
            }
        };
        Path straight = temp.resolve("straight");
        job.start(config(), straight, List.of(warningsHeard));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("head.output.weight"), warnings.get(0));

        Map<String, float[]> before = tensors(source.resolve("model.safetensors"), "wte.weight", "wpe.weight",
                "h.0.attn.c_attn.weight", "h.1.attn.c_attn.weight");
        Path saved = straight.resolve("model").resolve("model.safetensors");
        assertFalse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(straight.resolve("model")
                .resolve(ModelDirectory.HF_CONFIG).toFile()).get("tie_word_embeddings").asBoolean(), "the new head is untied");
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel trained = ModelDirectory.standard().load(straight.resolve("model"), manager);
            Map<String, float[]> after = TinyRuns.weights(trained);
            assertArrayEquals(before.get("wte.weight"), after.get("embeddings.tokens.weight"), "frozen token embeddings");
            assertArrayEquals(before.get("wpe.weight"), after.get("embeddings.positions.weight"), "frozen positions");
            assertArrayEquals(transposed(before.get("h.0.attn.c_attn.weight"), 16, 48), after.get("blocks.0.attention.qkv.weight"),
                    "the frozen first block");
            assertFalse(java.util.Arrays.equals(transposed(before.get("h.1.attn.c_attn.weight"), 16, 48),
                    after.get("blocks.1.attention.qkv.weight")), "the last block trained");
        }
        try (SafetensorsFile optimizer = SafetensorsFile.open(straight.resolve("checkpoints").resolve("step-000004")
                .resolve("optimizer.safetensors"))) {
            TreeSet<String> moments = new TreeSet<>(optimizer.names());
            assertTrue(moments.contains("m.head.output.weight") && moments.contains("m.blocks.1.attention.qkv.weight"), moments.toString());
            assertTrue(moments.stream().noneMatch(name -> name.contains("embeddings.") || name.contains("blocks.0.")), moments.toString());
        }

        Path interrupted = temp.resolve("interrupted");
        TrainerListener killAtThree = new TrainerListener() {
            @Override
            public void onStep(StepReport report) {
                if (report.step() == 3) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> job.start(config(), interrupted, List.of(killAtThree)));
        job.resume(interrupted, List.of());
        assertArrayEquals(Files.readAllBytes(saved), Files.readAllBytes(interrupted.resolve("model").resolve("model.safetensors")));
    }

    private static Map<String, float[]> tensors(Path file, String... names) throws IOException {
        Map<String, float[]> values = new java.util.HashMap<>();
        try (SafetensorsFile weights = SafetensorsFile.open(file)) {
            for (String name : names) {
                values.put(name, weights.tensor(weights.contains(name) ? name : "transformer." + name).data());
            }
        }
        return values;
    }

    private static float[] transposed(float[] values, int rows, int columns) {
        float[] result = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                result[c * rows + r] = values[r * columns + c];
            }
        }
        return result;
    }
}
