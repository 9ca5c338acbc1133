package org.lmlab.layers.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * lmlab's one JSON/YAML dialect: records with snake_case keys, unknown, missing and null
 * primitive keys rejected, indented output. {@link #MAPPER} reads and writes files that hold
 * no registered components (checkpoint state, token-cache sidecars, metrics); files that do
 * (model configs, run configs, experiment files) go through the {@link ConfigMapper} built
 * from the injector's registrations, which starts from {@link #configure}.
 */
public final class Json {

    /** The shared JSON mapper for files without registered components; thread-safe once built. */
    public static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private Json() {
    }

    /** Applies lmlab's dialect to a mapper (JSON or YAML) and returns it. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** A YAML mapper in the same dialect. */
    public static ObjectMapper yaml() {
        return configure(new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)));
    }

    /** A file's bytes as a JSON tree, or an {@link IOException} naming the file and the line. */
    public static JsonNode readTree(ObjectMapper mapper, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            JsonNode tree = mapper.readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                throw new IOException(file + ": empty file");
            }
            return tree;
        } catch (JsonProcessingException malformed) {
            throw new IOException(ConfigErrors.describe(file.toString(), malformed), malformed);
        }
    }

    /** Reads a record from a tree, or an {@link IllegalArgumentException} naming the source and the field. */
    public static <T> T bind(ObjectMapper mapper, JsonNode tree, Class<T> type, String source) {
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException invalid) {
            throw new IllegalArgumentException(ConfigErrors.describe(source, invalid), invalid);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException(source + ": " + invalid.getMessage(), invalid);
        }
    }

    /** Reads a record from a file written in this dialect, or an {@link IOException} naming the file and the field. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        JsonNode tree = readTree(MAPPER, file);
        try {
            return bind(MAPPER, tree, type, file.toString());
        } catch (IllegalArgumentException invalid) {
            throw new IOException(invalid.getMessage(), invalid);
        }
    }

    /** The text of a value in this dialect, with a final newline. */
    public static byte[] bytes(ObjectMapper mapper, Object value) {
        try {
            return (mapper.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value, e);
        }
    }
}
