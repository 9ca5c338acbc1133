package org.lmlab.models.hf;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.lmlab.models.safetensors.AtomicFiles;

/**
 * Reads and writes Hugging Face {@code config.json} files. Reading picks the record type from
 * {@code model_type} through a registry and reports any problem (malformed JSON, a missing or
 * ill-typed field, an unsupported model type) with the file and field named. Writing produces
 * what {@code PretrainedConfig.to_json_file} produces in layout: sorted keys, two-space indent,
 * a final newline; it replaces the file atomically.
 */
public final class HfConfigs {

    /** Largest config.json accepted; real ones are a few kilobytes. */
    static final long MAX_CONFIG_BYTES = 16L * 1024 * 1024;

    private static final Map<String, Class<? extends HfConfig>> BY_MODEL_TYPE = Map.of(
            Gpt2HfConfig.MODEL_TYPE, Gpt2HfConfig.class,
            BertHfConfig.MODEL_TYPE, BertHfConfig.class);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .withCoercionConfig(LogicalType.Textual, strings -> strings
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private HfConfigs() {
    }

    /** The {@code model_type} values this reader understands, sorted. */
    public static String supportedModelTypes() {
        return new TreeSet<>(BY_MODEL_TYPE.keySet()).stream().collect(Collectors.joining(", "));
    }

    /**
     * Reads a config.json into the record its {@code model_type} selects.
     *
     * @throws HfConfigException naming the file and field if the file cannot be used
     * @throws IOException       if the file cannot be read
     */
    public static HfConfig read(Path configJson) throws IOException {
        JsonNode tree = readTree(configJson);
        JsonNode typeNode = tree.get("model_type");
        if (typeNode == null || typeNode.isNull()) {
            throw new HfConfigException(configJson + ": field model_type is missing (supported: " + supportedModelTypes() + ")");
        }
        if (!typeNode.isTextual()) {
            throw new HfConfigException(configJson + ": field model_type must be a string, got " + typeNode);
        }
        Class<? extends HfConfig> type = BY_MODEL_TYPE.get(typeNode.textValue());
        if (type == null) {
            throw new HfConfigException(configJson + ": field model_type: unsupported model type '" + typeNode.textValue()
                    + "' (supported: " + supportedModelTypes() + ")");
        }
        return bind(configJson, tree, type);
    }

    /**
     * Reads a config.json that must describe this kind of model.
     *
     * @throws HfConfigException if the file describes another model type, or cannot be used
     */
    public static <T extends HfConfig> T read(Path configJson, Class<T> expected) throws IOException {
        HfConfig config = read(configJson);
        if (!expected.isInstance(config)) {
            throw new HfConfigException(configJson + ": field model_type is '" + config.modelType() + "' but a "
                    + expected.getSimpleName() + " was expected");
        }
        return expected.cast(config);
    }

    /** Writes the config as Hugging Face lays out config.json, replacing {@code configJson} atomically. */
    public static void write(Path configJson, HfConfig config) throws IOException {
        AtomicFiles.write(configJson, toJson(config));
    }

    /** The config.json bytes for this config: sorted keys, two-space indent, final newline. */
    public static byte[] toJson(HfConfig config) {
        Objects.requireNonNull(config, "config");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PRETTY.writeValue(out, config);
        } catch (IOException inMemory) {
            throw new IllegalStateException("cannot serialise " + config, inMemory);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static JsonNode readTree(Path configJson) throws IOException {
        long size = Files.size(configJson);
        if (size > MAX_CONFIG_BYTES) {
            throw new HfConfigException(configJson + ": " + size + " bytes is too large for a config.json (limit "
                    + MAX_CONFIG_BYTES + ")");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(Files.readAllBytes(configJson));
        } catch (JsonProcessingException malformed) {
            throw new HfConfigException(configJson + ": not valid JSON: " + malformed.getOriginalMessage()
                    + where(malformed.getLocation()), malformed);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new HfConfigException(configJson + ": file is empty, expected a JSON object");
        }
        if (!tree.isObject()) {
            throw new HfConfigException(configJson + ": must be a JSON object, got " + tree.getNodeType());
        }
        return tree;
    }

    private static <T extends HfConfig> T bind(Path configJson, JsonNode tree, Class<T> type) throws HfConfigException {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (ValueInstantiationException invalid) {
            Throwable cause = invalid.getCause() == null ? invalid : invalid.getCause();
            throw new HfConfigException(configJson + ": " + cause.getMessage(), invalid);
        } catch (JsonMappingException mismatch) {
            String path = mismatch.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw new HfConfigException(configJson + ": " + (path.isEmpty() ? "" : "field " + path + ": ")
                    + firstLine(mismatch.getOriginalMessage()), mismatch);
        } catch (JsonProcessingException other) {
            throw new HfConfigException(configJson + ": " + firstLine(other.getOriginalMessage()), other);
        }
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The first line of a Jackson message, without its advice on enabling coercion. */
    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        int advice = line.indexOf(" (but ");
        return advice < 0 ? line : line.substring(0, advice);
    }
}
