package org.lmlab.models.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.lmlab.layers.attention.AttentionConfig;
import org.lmlab.layers.config.ConfigMapper;
import org.lmlab.layers.config.FileFormat;
import org.lmlab.layers.config.Json;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.safetensors.AtomicFiles;

/**
 * lmlab's own model config file ({@code lmlab-model.json}): the {@link ModelConfig} record with
 * snake_case keys and its {@code format}, for models Hugging Face's layouts cannot express
 * (RoPE, SwiGLU, classifiers, plugin components). Components are read by their registered
 * {@code type}; unknown keys are rejected; errors name the file and the field. Format 1 (every
 * attention knob on every variant) is upgraded on reading.
 */
@Singleton
public final class ModelConfigJson {

    /** Format 2: each attention variant has its own record. */
    public static final FileFormat FORMAT = new FileFormat("lmlab-model.json", 2, Map.of(1, ModelConfigJson::upgradeFrom1));

    private final ConfigMapper mapper;

    @Inject
    public ModelConfigJson(ConfigMapper mapper) {
        this.mapper = mapper;
    }

    /** The built-in components only, without the command line's injector (tests, small tools). */
    public static ModelConfigJson standard() {
        return com.google.inject.Guice.createInjector(new org.lmlab.models.ModelsModule()).getInstance(ModelConfigJson.class);
    }

    /** The config in a file written by {@link #write} (or by an older lmlab). */
    public ModelConfig read(Path file) throws IOException {
        JsonNode tree = Json.readTree(mapper.json(), file);
        try {
            return mapper.bind(FORMAT.upgrade(tree, file.toString()), ModelConfig.class, file.toString());
        } catch (IllegalArgumentException invalid) {
            throw new IOException(invalid.getMessage(), invalid);
        }
    }

    /** Writes the config atomically. */
    public void write(Path file, ModelConfig config) throws IOException {
        AtomicFiles.write(file, toJson(config));
    }

    /** The file's bytes for this config. */
    public byte[] toJson(ModelConfig config) {
        return Json.bytes(mapper.json(), FORMAT.stamp(mapper.tree(config)));
    }

    /**
     * A format-1 model tree in format 2: the attention object loses the knobs its variant does
     * not take (format 1 stored {@code kv_heads} and {@code window} on every variant), after
     * checking they held the values the variant implies.
     */
    public static ObjectNode upgradeFrom1(ObjectNode model) {
        JsonNode block = model.get("block");
        if (block instanceof ObjectNode blockObject && block.get("attention") instanceof ObjectNode attention
                && attention.has("type") && attention.has("heads")) {
            String type = attention.get("type").asText();
            int heads = attention.get("heads").asInt();
            int kvHeads = attention.path("kv_heads").asInt(heads);
            int window = attention.path("window").asInt(0);
            // Builds the variant from the old knobs, refusing a combination the old reader also refused.
            AttentionConfig.of(type, heads, kvHeads, window, attention.path("qkv_bias").asBoolean(),
                    attention.path("output_bias").asBoolean(), (float) attention.path("dropout").asDouble());
            if (!type.equals("grouped-query") && !type.equals("sliding-window")) {
                attention.remove("kv_heads");
            }
            if (!type.equals("sliding-window")) {
                attention.remove("window");
            }
            blockObject.set("attention", attention);
        }
        return model;
    }
}
