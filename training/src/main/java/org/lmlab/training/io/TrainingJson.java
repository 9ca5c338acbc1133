package org.lmlab.training.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lmlab.models.safetensors.AtomicFiles;

/**
 * The JSON dialect of training's files ({@code train.json}, checkpoint {@code state.json}, token
 * cache sidecars): records with snake_case keys, unknown or missing keys rejected, errors that
 * name the file and the field, atomic writes.
 */
public final class TrainingJson {

    /** The shared mapper; thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private TrainingJson() {
    }

    /** Reads a record from a file, or an {@link IOException} naming the file and the field. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return MAPPER.readValue(bytes, type);
        } catch (ValueInstantiationException invalid) {
            Throwable cause = invalid.getCause() == null ? invalid : invalid.getCause();
            throw new IOException(file + ": " + cause.getMessage(), invalid);
        } catch (JsonProcessingException malformed) {
            throw new IOException(file + ": " + malformed.getOriginalMessage() + where(malformed), malformed);
        }
    }

    /** Writes a record to a file atomically. */
    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.write(file, (MAPPER.writeValueAsString(value) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String where(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
                } else {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            return " (field " + path + ")";
        }
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
