package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.attention.AttentionConfig;
import org.lmlab.layers.block.BlockConfig;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.preset.Presets;
import org.lmlab.models.reference.BertFixture;
import org.lmlab.models.reference.HfCheckpointFixtures;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.models.safetensors.SafetensorsFile;

/** {@code lmlab model info} and {@code lmlab model export} on head-less and inexpressible models. */
class ModelExportCommandTest {

    @Test
    void modelInfoOfABertModelReportsWhatTheFileHolds(@TempDir Path model) throws IOException {
        HfCheckpointFixtures.writeBertModel(model, BertFixture.small(701));
        // By hand from the shapes: embeddings 97x16 + 32x16 + 2x16 + LayerNorm 2x16; per layer q, k, v and the
        // attention output 4 x (16x16 + 16), two LayerNorms 2 x 2x16, intermediate 16x64 + 64, output 64x16 + 16;
        // pooler 16x16 + 16.
        long expected = 97 * 16 + 32 * 16 + 2 * 16 + 2 * 16
                + 2 * (4 * (16 * 16 + 16) + 2 * 2 * 16 + (16 * 64 + 64) + (64 * 16 + 16))
                + 16 * 16 + 16;
        assertEquals(8_960, expected);
        CliRun info = CliRun.of("model", "info", "--model", model.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("head: none (outputs the final hidden states)\n"), info.out());
        assertTrue(info.out().contains("pooler: dense + tanh on the first token\n"), info.out());
        assertTrue(info.out().contains("parameters: 8,960\n"), info.out());
        // 5 embedding tensors, 16 per layer, 2 for the pooler.
        assertTrue(info.out().contains("file: model.safetensors, 39 tensors, 8,960 values\n"), info.out());
        assertFalse(info.out().contains("mlm"), info.out());
    }

    @Test
    void aBertModelExportsThroughLmlabLayoutAndBackBitForBit(@TempDir Path root) throws IOException {
        Path original = Files.createDirectories(root.resolve("bert-model"));
        List<HostTensor> written = HfCheckpointFixtures.writeBertModel(original, BertFixture.small(702));
        Path lmlab = root.resolve("as-lmlab");
        Path back = root.resolve("back");
        CliRun toLmlab = CliRun.of("model", "export", "--model", original.toString(), "--out", lmlab.toString(), "--format", "lmlab");
        assertEquals(0, toLmlab.code(), toLmlab.err());
        assertEquals("wrote " + lmlab + ": lmlab layout (lmlab-model.json + model.safetensors), 8,960 parameters\n", toLmlab.out());
        assertTrue(Files.exists(lmlab.resolve(ModelDirectory.LMLAB_CONFIG)));
        CliRun toHf = CliRun.of("model", "export", "--model", lmlab.toString(), "--out", back.toString());
        assertEquals(0, toHf.code(), toHf.err());
        assertTrue(toHf.out().contains("Hugging Face layout (config.json + model.safetensors)"), toHf.out());
        assertFalse(Files.exists(back.resolve(ModelDirectory.LMLAB_CONFIG)));
        Map<String, HostTensor> expected = new TreeMap<>();
        written.forEach(tensor -> expected.put(tensor.name(), tensor));
        assertEquals(expected, tensors(back.resolve(ModelDirectory.WEIGHTS)));
        assertTrue(Files.readString(back.resolve(ModelDirectory.HF_CONFIG)).contains("\"BertModel\""));
    }

    @Test
    void exportToHuggingFaceRefusesAGroupedQueryModelNamingTheComponent(@TempDir Path root) throws IOException {
        Path model = root.resolve("gqa");
        ModelConfig gpt = Presets.get("gpt-tiny");
        BlockConfig block = gpt.block();
        ModelConfig config = new ModelConfig("gqa", "decoder", 97, 32, 1, 0, gpt.positions(),
                new BlockConfig(AttentionConfig.of("grouped-query", 4, 2, 0, true, true, 0f), block.norm(),
                        new org.lmlab.layers.feedforward.FeedForwardConfig("gelu-tanh", 64, true), block.placement(), 0f),
                false, true, false, 0f, gpt.head(), gpt.init());
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel built = Models.standard().build(config);
            manager.getEngine().setRandomSeed(7);
            built.initialize(manager);
            ModelDirectory.standard().save(built, model);
        }
        Path out = root.resolve("out");
        CliRun hf = CliRun.of("model", "export", "--model", model.toString(), "--out", out.toString(), "--format", "hf");
        assertEquals(2, hf.code());
        assertEquals(List.of("lmlab: model 'gqa' cannot be written as Hugging Face GPT-2: block.attention.type is grouped-query"
                + " (needs multi-head); block.attention.kv_heads is 2 (needs 4, one per query head)"), hf.errLines());
        assertFalse(Files.exists(out.resolve(ModelDirectory.WEIGHTS)));
        CliRun automatic = CliRun.of("model", "export", "--model", model.toString(), "--out", out.toString());
        assertEquals(0, automatic.code(), automatic.err());
        assertTrue(automatic.out().contains("lmlab layout"), automatic.out());
        assertEquals(tensors(model.resolve(ModelDirectory.WEIGHTS)), tensors(out.resolve(ModelDirectory.WEIGHTS)));
        CliRun itself = CliRun.of("model", "export", "--model", model.toString(), "--out", model.toString());
        assertEquals(2, itself.code());
        assertTrue(itself.err().contains("is the model directory itself"), itself.err());
    }

    private static Map<String, HostTensor> tensors(Path file) throws IOException {
        Map<String, HostTensor> tensors = new TreeMap<>();
        try (SafetensorsFile weights = SafetensorsFile.open(file)) {
            for (String name : weights.names()) {
                tensors.put(name, weights.tensor(name));
            }
        }
        return tensors;
    }
}
