package org.lmlab.models.hf;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings that change the arithmetic lmlab implements are refused, not silently ignored. */
class UnsupportedHfSettingsTest {

    @Test
    void relativePositionBertIsRefused(@TempDir Path directory) throws IOException {
        Path config = directory.resolve("config.json");
        Files.writeString(config, "{\"model_type\": \"bert\", \"vocab_size\": 30, \"hidden_size\": 8, \"num_hidden_layers\": 1,"
                + " \"num_attention_heads\": 2, \"intermediate_size\": 16, \"max_position_embeddings\": 16,"
                + " \"position_embedding_type\": \"relative_key\"}");
        HfConfigException error = assertThrows(HfConfigException.class, () -> HfConfigs.read(config));
        assertTrue(error.getMessage().contains(config.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("position_embedding_type is relative_key; lmlab supports only absolute"),
                error.getMessage());
    }

    @Test
    void absolutePositionBertIsAccepted(@TempDir Path directory) throws IOException {
        Path config = directory.resolve("config.json");
        Files.writeString(config, "{\"model_type\": \"bert\", \"vocab_size\": 30, \"hidden_size\": 8, \"num_hidden_layers\": 1,"
                + " \"num_attention_heads\": 2, \"intermediate_size\": 16, \"max_position_embeddings\": 16,"
                + " \"position_embedding_type\": \"absolute\"}");
        HfConfigs.read(config);
    }

    @Test
    void gpt2AttentionScaledByLayerIsRefused(@TempDir Path directory) throws IOException {
        Path config = directory.resolve("config.json");
        Files.writeString(config, "{\"model_type\": \"gpt2\", \"vocab_size\": 30, \"n_positions\": 16, \"n_embd\": 8,"
                + " \"n_layer\": 1, \"n_head\": 2, \"scale_attn_by_inverse_layer_idx\": true}");
        HfConfigException error = assertThrows(HfConfigException.class, () -> HfConfigs.read(config));
        assertTrue(error.getMessage().contains("scale_attn_by_inverse_layer_idx is true; lmlab supports only false"),
                error.getMessage());
    }
}
