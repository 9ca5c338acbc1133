package org.lmlab.finetune.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.inject.Guice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.preset.Presets;
import org.lmlab.models.safetensors.SafetensorsFile;
import org.lmlab.tokenizers.TokenizersModule;
import org.lmlab.training.Objectives;
import org.lmlab.training.StepReport;
import org.lmlab.training.TrainConfig;
import org.lmlab.training.TrainerListener;
import org.lmlab.training.data.CorpusSourceConfig;
import org.lmlab.training.data.TokenCache;
import org.lmlab.training.model.ModelEditConfig;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;
import org.lmlab.training.run.TrainJob;
import org.lmlab.training.run.TrainJobConfig;

/**
 * LoRA through the one {@link TrainJob}: a micro GPT-2 (tied head, so eight adapted layers)
 * pretrained on the-verdict with adapters; checkpoints hold the adapters and moments for them
 * only, the saved model is a plain Hugging Face GPT-2 directory that loads with no LoRA code
 * (the built-in model directory) and differs from the source only where adapters were merged,
 * and a run killed after step 2 resumes to the same bytes.
 */
class LoraTrainJobTest {

    @TempDir
    Path temp;

    @Test
    void aLoraRunSavesAPlainMergedModelAndResumesExactly() throws IOException {
        TrainJob job = Guice.createInjector(new LoraModule(), new TokenizersModule()).getInstance(TrainJob.class)
                .withCache(new TokenCache(temp.resolve("cache")));
        Path corpus = temp.resolve("the-verdict.txt");
        Files.copy(Path.of(System.getProperty("lmlab.root", ".."), "data", "the-verdict.txt"), corpus);
        Path source = temp.resolve("micro-gpt");
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = Models.standard().build(Presets.gpt2("micro-gpt", 16, 2, 2, 16, true, true, 0f));
            manager.getEngine().setRandomSeed(3);
            model.initialize(manager);
            ModelDirectory.standard().save(model, source);
        }
        List<ModelEditConfig> edits = List.of(LoraConfig.of(2, 4));
        TrainConfig train = new TrainConfig(2, 1, 4, 0, 1.0, 2, 1, 2, 2, 1, 17, AdamWConfig.BOOK, ScheduleConfig.constant(1e-2));
        TrainJobConfig config = new TrainJobConfig(source.toString(), job.editedModel(source.toString(), edits), edits, "gpt2",
                CorpusSourceConfig.of(corpus.toString(), 0.1, 0), null, 16, Objectives.standard().defaults("causal-lm"), train);

        Path straight = temp.resolve("straight");
        job.start(config, straight, List.of());
        Path checkpoint = straight.resolve("checkpoints").resolve("step-000004");
        try (SafetensorsFile weights = SafetensorsFile.open(checkpoint.resolve("model.safetensors"));
             SafetensorsFile optimizer = SafetensorsFile.open(checkpoint.resolve("optimizer.safetensors"))) {
            assertTrue(weights.contains("blocks.1.feed_forward.down.lora_b"), "checkpoints keep the adapters unmerged");
            TreeSet<String> moments = new TreeSet<>(optimizer.names());
            assertEquals(2 * 2 * 8, moments.size());
            assertTrue(moments.stream().allMatch(name -> name.endsWith(".lora_a") || name.endsWith(".lora_b")), moments.toString());
        }
        Path saved = straight.resolve("model");
        assertTrue(Files.isRegularFile(saved.resolve(ModelDirectory.HF_CONFIG)), "a Hugging Face GPT-2 directory");
        try (SafetensorsFile weights = SafetensorsFile.open(saved.resolve(ModelDirectory.WEIGHTS));
             SafetensorsFile original = SafetensorsFile.open(source.resolve(ModelDirectory.WEIGHTS))) {
            assertEquals(new TreeSet<>(original.names()), new TreeSet<>(weights.names()), "no adapter tensors");
            assertArrayEquals(original.tensor(name(original, "wte.weight")).data(), weights.tensor(name(weights, "wte.weight")).data(),
                    "embeddings have no adapter and stay frozen");
            assertArrayEquals(original.tensor(name(original, "h.0.ln_1.weight")).data(), weights.tensor(name(weights, "h.0.ln_1.weight")).data());
            assertFalse(java.util.Arrays.equals(original.tensor(name(original, "h.0.attn.c_attn.weight")).data(),
                    weights.tensor(name(weights, "h.0.attn.c_attn.weight")).data()), "the merged delta changed c_attn");
        }
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel loaded = ModelDirectory.standard().load(saved, manager);
            assertEquals(Presets.gpt2("micro-gpt", 16, 2, 2, 16, true, true, 0f).withName(loaded.config().name()), loaded.config());
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
        assertThrows(IllegalStateException.class, () -> job.start(config, interrupted, List.of(killAtThree)));
        job.resume(interrupted, List.of());
        assertArrayEquals(Files.readAllBytes(saved.resolve(ModelDirectory.WEIGHTS)),
                Files.readAllBytes(interrupted.resolve("model").resolve(ModelDirectory.WEIGHTS)));
    }

    private static String name(SafetensorsFile file, String name) {
        return file.contains(name) ? name : "transformer." + name;
    }
}
