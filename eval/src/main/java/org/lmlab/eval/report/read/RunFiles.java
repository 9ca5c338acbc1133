package org.lmlab.eval.report.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.lmlab.layers.config.Json;

/**
 * Reading a run's JSON files for a report: a missing or malformed file, and a missing or
 * mistyped field, fail with one line naming the file (and the field's path).
 */
public final class RunFiles {

    private static final ObjectMapper YAML = Json.yaml();

    private RunFiles() {
    }

    /** The file as a JSON tree (a {@code .yaml} file as YAML). */
    public static JsonNode tree(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "missing file");
        }
        String name = file.getFileName().toString();
        return Json.readTree(name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : Json.MAPPER, file);
    }

    /** The file as a tree if it exists. */
    public static Optional<JsonNode> optionalTree(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(tree(file)) : Optional.empty();
    }

    /** The SHA-256 of a file's bytes, in hex. */
    public static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The object field {@code name} of {@code node} at {@code path}, or an error naming the file and path. */
    public static JsonNode object(JsonNode node, String name, Path file, String path) throws IOException {
        JsonNode value = node.get(name);
        if (value == null || !value.isObject()) {
            throw fieldError(file, join(path, name), value == null ? "missing" : "expected an object");
        }
        return value;
    }

    /** The array field {@code name}. */
    public static JsonNode array(JsonNode node, String name, Path file, String path) throws IOException {
        JsonNode value = node.get(name);
        if (value == null || !value.isArray()) {
            throw fieldError(file, join(path, name), value == null ? "missing" : "expected an array");
        }
        return value;
    }

    /** The text field {@code name}. */
    public static String text(JsonNode node, String name, Path file, String path) throws IOException {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw fieldError(file, join(path, name), value == null ? "missing" : "expected a string");
        }
        return value.asText();
    }

    /** The number field {@code name} ({@code "NaN"} and {@code null} read as NaN). */
    public static double number(JsonNode node, String name, Path file, String path) throws IOException {
        JsonNode value = node.get(name);
        if (value != null && value.isNumber()) {
            return value.asDouble();
        }
        if (value != null && (value.isNull() || (value.isTextual() && value.asText().equals("NaN")))) {
            return Double.NaN;
        }
        throw fieldError(file, join(path, name), value == null ? "missing" : "expected a number, got " + value);
    }

    /** The integer field {@code name}. */
    public static long integer(JsonNode node, String name, Path file, String path) throws IOException {
        JsonNode value = node.get(name);
        if (value == null || !value.isIntegralNumber()) {
            throw fieldError(file, join(path, name), value == null ? "missing" : "expected an integer, got " + value);
        }
        return value.asLong();
    }

    /** The boolean field {@code name}. */
    public static boolean bool(JsonNode node, String name, Path file, String path) throws IOException {
        JsonNode value = node.get(name);
        if (value == null || !value.isBoolean()) {
            throw fieldError(file, join(path, name), value == null ? "missing" : "expected true or false, got " + value);
        }
        return value.asBoolean();
    }

    /** An error for a field: {@code FILE: field PATH: PROBLEM}. */
    public static IOException fieldError(Path file, String path, String problem) {
        return new IOException(file + ": field " + path + ": " + problem);
    }

    /** {@code path.name}, or {@code name} at the root. */
    public static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
