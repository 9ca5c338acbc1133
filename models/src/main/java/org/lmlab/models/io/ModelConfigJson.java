package org.lmlab.models.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.safetensors.AtomicFiles;

/**
 * lmlab's own model config file ({@code lmlab-model.json}): the {@link ModelConfig} record with
 * snake_case keys, for models Hugging Face's layouts cannot express (RoPE, SwiGLU, classifiers).
 * Unknown keys are rejected; errors name the file and the field.
 */
public final class ModelConfigJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ModelConfigJson() {
    }

    /** The config in a file written by {@link #write}. */
    public static ModelConfig read(Path file) throws IOException {
        try {
            return MAPPER.readValue(Files.readAllBytes(file), ModelConfig.class);
        } catch (ValueInstantiationException invalid) {
            Throwable cause = invalid.getCause() == null ? invalid : invalid.getCause();
            throw new IOException(file + ": " + cause.getMessage(), invalid);
        } catch (JsonProcessingException malformed) {
            throw new IOException(file + ": " + malformed.getOriginalMessage() + " at " + path(malformed), malformed);
        }
    }

    /** Writes the config atomically. */
    public static void write(Path file, ModelConfig config) throws IOException {
        AtomicFiles.write(file, toJson(config));
    }

    /** The file's bytes for this config. */
    public static byte[] toJson(ModelConfig config) {
        try {
            return (MAPPER.writeValueAsString(config) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + config, e);
        }
    }

    private static String path(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
                } else {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            return "field " + path;
        }
        return e.getLocation() == null ? "unknown location"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
