package org.lmlab.eval.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.lmlab.layers.config.Json;

/**
 * Reads a task's JSONL file (gzipped when named {@code .gz}): one JSON object per non-blank line,
 * each turned into an item by the task's parser; a line that is not JSON, not an object, or an
 * item whose id was seen before is an error naming {@code file:line}, and a file with no items
 * is an error naming the file and what it should have held.
 */
public final class JsonLines {

    /**
     * Turns one line's object into an item; {@code where} is {@code file:line} for its errors,
     * {@code line} the 1-based line number and {@code index} the item's position among the items.
     */
    @FunctionalInterface
    public interface ObjectParser<T> {
        T parse(JsonNode object, String where, int line, int index) throws IOException;
    }

    private JsonLines() {
    }

    /** The items of {@code file} in order; {@code id} gives each item's id for the uniqueness check, {@code noun} names them in errors. */
    public static <T> List<T> read(Path file, String noun, ObjectParser<T> parser, Function<T, String> id) throws IOException {
        List<String> lines = TaskFiles.readLines(file);
        List<T> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = file + ":" + (i + 1);
            T item = parser.parse(object(lines.get(i), where), where, i + 1, items.size());
            if (!ids.add(id.apply(item))) {
                throw new IOException(where + ": id '" + id.apply(item) + "' appears twice");
            }
            items.add(item);
        }
        if (items.isEmpty()) {
            throw new IOException(file + ": no " + noun + " (empty file)");
        }
        return items;
    }

    /** The line's JSON object, or an error naming {@code where}. */
    public static JsonNode object(String line, String where) throws IOException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException malformed) {
            throw new IOException(where + ": not valid JSON (" + malformed.getOriginalMessage() + ")", malformed);
        }
        if (node == null || !node.isObject()) {
            throw new IOException(where + ": expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
        }
        return node;
    }
}
