package org.lmlab.experiments.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lmlab.layers.config.Json;

/**
 * The errors of one experiment file, collected while it is resolved section by section so that
 * all of them are reported at once: each is {@code FILE: path.to.field: message}, the path
 * being where in the file the mistake is. Messages from records and registries that name their
 * own field ({@code attention.kv_heads: must divide heads (8), got 3}) are joined onto the path
 * of the section being read.
 */
final class Problems {

    /** A message that starts with a field path and a colon. */
    private static final Pattern FIELD = Pattern.compile("^([a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*|\\[\\d+])*): (.*)$", Pattern.DOTALL);

    /** Registry seam names that sit under a model's block rather than at its root. */
    private static final Map<String, String> MODEL_FIELDS = Map.of("norm", "block.norm", "feed_forward", "block.feed_forward",
            "attention", "block.attention");

    private static final String SOURCE = "\u0000";

    private final String file;
    private final List<String> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /** Records an error at {@code path} ("" for the file as a whole). */
    void add(String path, String message) {
        String line = message == null || message.isBlank() ? "invalid" : message.strip();
        Matcher field = FIELD.matcher(line);
        String where = path;
        if (field.matches()) {
            where = join(path, field.group(1));
            line = field.group(2);
        }
        errors.add(file + ": " + (where.isEmpty() ? "" : where + ": ") + line);
    }

    /** Records an error in a model's config, placing registry names (norm, feed_forward) under its block. */
    void addInModel(String modelPath, String message) {
        Matcher field = FIELD.matcher(message == null ? "" : message.strip());
        if (field.matches()) {
            String first = field.group(1).split("[.\\[]", 2)[0];
            String mapped = MODEL_FIELDS.get(first);
            if (mapped != null) {
                errors.add(file + ": " + modelPath + "." + mapped + field.group(1).substring(first.length()) + ": " + field.group(2));
                return;
            }
        }
        add(modelPath, message);
    }

    /** The record bound from {@code tree}, or empty with the error recorded at {@code path}. */
    <T> Optional<T> bind(ObjectMapper mapper, JsonNode tree, Class<T> type, String path) {
        try {
            return Optional.of(Json.bind(mapper, tree, type, SOURCE));
        } catch (IllegalArgumentException invalid) {
            String message = invalid.getMessage();
            add(path, message.startsWith(SOURCE + ": ") ? message.substring(SOURCE.length() + 2) : message);
            return Optional.empty();
        }
    }

    /** True if nothing is wrong so far. */
    boolean none() {
        return errors.isEmpty();
    }

    /** How many errors there are so far. */
    int count() {
        return errors.size();
    }

    /** Throws every error at once, if there is any. */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ExperimentFileException(errors);
        }
    }

    /** {@code pretrain.data} + {@code data.path} is {@code pretrain.data.path}; {@code models.gpt.model} + {@code block.x} appends. */
    static String join(String path, String field) {
        if (path.isEmpty()) {
            return field;
        }
        String first = field.split("[.\\[]", 2)[0];
        if (path.equals(first) || path.endsWith("." + first)) {
            return path.substring(0, path.length() - first.length()) + field;
        }
        return path + "." + field;
    }
}
