package org.lmlab.models.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.attention.AttentionConfig;
import org.lmlab.layers.block.BlockConfig;
import org.lmlab.layers.block.NormPlacement;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.layers.feedforward.FeedForwardConfig;
import org.lmlab.layers.norm.NormConfig;
import org.lmlab.layers.position.PositionalConfig;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.preset.Presets;
import org.lmlab.models.reference.Gpt2Fixture;
import org.lmlab.models.reference.HfCheckpointFixtures;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.models.safetensors.SafetensorsWriter;

/** Model directories in lmlab's own layout, and the errors a broken directory gives. */
class ModelDirectoryTest {

    private static final ModelDirectory DIRECTORY = ModelDirectory.standard();

    /** A Llama-like decoder no Hugging Face family here can express: RoPE, RMSNorm, SwiGLU, grouped-query. */
    private static ModelConfig llamaLike() {
        BlockConfig block = new BlockConfig(AttentionConfig.of("grouped-query", 4, 2, 0, false, false, 0f),
                new NormConfig("rms-norm", 1e-6f), new FeedForwardConfig("swiglu", 48, false), NormPlacement.PRE, 0f);
        ModelConfig gpt = Presets.get("gpt-tiny");
        return new ModelConfig("llama-like", "decoder", 97, 32, 2, 0, new PositionalConfig("rope", 64, 10000f), block,
                false, true, false, 0f, gpt.head(), gpt.init());
    }

    @Test
    void modelsHuggingFaceCannotExpressRoundTripInLmlabLayout(@TempDir Path directory) throws IOException {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = Models.standard().build(llamaLike());
            manager.getEngine().setRandomSeed(5);
            model.initialize(manager);
            DIRECTORY.save(model, directory);
            assertTrue(Files.exists(directory.resolve(ModelDirectory.LMLAB_CONFIG)));
            assertFalse(Files.exists(directory.resolve(ModelDirectory.HF_CONFIG)));
            assertEquals(llamaLike(), DIRECTORY.readConfig(directory));
            LanguageModel reloaded = DIRECTORY.load(directory, manager);
            int[] ids = {1, 5, 9, 33, 2};
            assertArrayEquals(HfInteropTest.logits(model, manager, ids), HfInteropTest.logits(reloaded, manager, ids), 0f);
        }
    }

    @Test
    void aMissingTensorIsNamed(@TempDir Path directory) throws IOException {
        List<HostTensor> tensors = HfCheckpointFixtures.writeGpt2(directory, Gpt2Fixture.small(7));
        rewriteWithout(directory, tensors, "h.1.mlp.c_fc.bias");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> load(directory));
        assertTrue(error.getMessage().contains("missing tensor 'h.1.mlp.c_fc.bias'"), error.getMessage());
        assertTrue(error.getMessage().contains("model.safetensors"), error.getMessage());
    }

    @Test
    void aMisShapedTensorIsNamedWithBothShapes(@TempDir Path directory) throws IOException {
        List<HostTensor> tensors = new ArrayList<>(HfCheckpointFixtures.writeGpt2(directory, Gpt2Fixture.small(8)));
        tensors.replaceAll(t -> t.name().equals("wpe.weight") ? new HostTensor("wpe.weight", new long[] {16, 32}, t.data()) : t);
        SafetensorsWriter.write(directory.resolve("model.safetensors"), tensors, Map.of());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> load(directory));
        assertTrue(error.getMessage().contains("'embeddings.positions.weight' has shape [16, 32], the model needs [32, 16]"),
                error.getMessage());
    }

    @Test
    void anUnexpectedTensorIsNamed(@TempDir Path directory) throws IOException {
        List<HostTensor> tensors = new ArrayList<>(HfCheckpointFixtures.writeGpt2(directory, Gpt2Fixture.small(9)));
        tensors.add(new HostTensor("h.0.attn.rotary.inv_freq", new long[] {2}, new float[] {1, 2}));
        SafetensorsWriter.write(directory.resolve("model.safetensors"), tensors, Map.of());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> load(directory));
        assertTrue(error.getMessage().contains("unexpected tensor h.0.attn.rotary.inv_freq"), error.getMessage());
    }

    @Test
    void missingFilesAreNamed(@TempDir Path directory) throws IOException {
        NoSuchFileException noConfig = assertThrows(NoSuchFileException.class, () -> load(directory));
        assertTrue(noConfig.getMessage().contains("config.json"), noConfig.getMessage());
        HfCheckpointFixtures.writeGpt2(directory, Gpt2Fixture.small(10));
        Files.delete(directory.resolve("model.safetensors"));
        NoSuchFileException noWeights = assertThrows(NoSuchFileException.class, () -> load(directory));
        assertTrue(noWeights.getMessage().contains("model.safetensors"), noWeights.getMessage());
    }

    @Test
    void anUnknownKeyInTheLmlabConfigIsNamed(@TempDir Path directory) throws IOException {
        String json = new String(ModelConfigJson.standard().toJson(llamaLike()), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"layers\" : 2,", "\"layers\" : 2,\n  \"layer\" : 3,");
        Files.writeString(directory.resolve(ModelDirectory.LMLAB_CONFIG), json);
        IOException error = assertThrows(IOException.class, () -> DIRECTORY.readConfig(directory));
        assertTrue(error.getMessage().contains("lmlab-model.json"), error.getMessage());
        assertTrue(error.getMessage().contains("lmlab-model.json: layer: unknown key; known: block, "), error.getMessage());
    }

    @Test
    void anInvalidValueInTheLmlabConfigIsExplained(@TempDir Path directory) throws IOException {
        String json = new String(ModelConfigJson.standard().toJson(llamaLike()), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"kv_heads\" : 2", "\"kv_heads\" : 3");
        Files.writeString(directory.resolve(ModelDirectory.LMLAB_CONFIG), json);
        IOException error = assertThrows(IOException.class, () -> DIRECTORY.readConfig(directory));
        assertTrue(error.getMessage().contains("attention.kv_heads: must divide heads (4), got 3"), error.getMessage());
    }

    private static void load(Path directory) throws IOException {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            DIRECTORY.load(directory, manager);
        }
    }

    private static void rewriteWithout(Path directory, List<HostTensor> tensors, String name) throws IOException {
        List<HostTensor> kept = tensors.stream().filter(t -> !t.name().equals(name)).toList();
        SafetensorsWriter.write(directory.resolve("model.safetensors"), kept, Map.of());
    }
}
