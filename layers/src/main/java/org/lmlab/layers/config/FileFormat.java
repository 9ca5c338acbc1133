package org.lmlab.layers.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The version of one kind of saved file ({@code lmlab-model.json}, {@code train.json}): files
 * carry {@code "format": N}; reading upgrades an older tree step by step to the current
 * layout before binding it (a file without the key is format 1), and refuses a newer one with
 * a message saying so, rather than misreading it.
 *
 * @param what     the file's name in messages
 * @param current  the format this code writes
 * @param upgrades from format n (key) to n + 1, for every n below {@code current}
 */
public record FileFormat(String what, int current, Map<Integer, UnaryOperator<ObjectNode>> upgrades) {

    /** The key of the format number. */
    public static final String KEY = "format";

    public FileFormat {
        upgrades = Map.copyOf(upgrades);
        for (int n = 1; n < current; n++) {
            if (!upgrades.containsKey(n)) {
                throw new IllegalArgumentException(what + ": no upgrade from format " + n);
            }
        }
    }

    /** A file kind at format 1, with nothing to upgrade. */
    public static FileFormat first(String what) {
        return new FileFormat(what, 1, Map.of());
    }

    /** The format a tree was written in (1 when it has no format key). */
    public int formatOf(JsonNode tree, String source) {
        JsonNode format = tree.get(KEY);
        if (format == null) {
            return 1;
        }
        if (!format.canConvertToInt() || format.asInt() < 1 || !format.isIntegralNumber()) {
            throw new IllegalArgumentException(source + ": " + KEY + ": must be a positive whole number, got " + format);
        }
        return format.asInt();
    }

    /**
     * The content of a saved tree in the current layout, without the format key.
     *
     * @throws IllegalArgumentException if the file is of a newer format than this code reads
     */
    public ObjectNode upgrade(JsonNode tree, String source) {
        if (!tree.isObject()) {
            throw new IllegalArgumentException(source + ": expected a JSON object, got " + tree.getNodeType().toString().toLowerCase());
        }
        int format = formatOf(tree, source);
        if (format > current) {
            throw new IllegalArgumentException(source + ": " + what + " format " + format
                    + " was written by a newer lmlab; this one reads formats up to " + current);
        }
        ObjectNode content = ((ObjectNode) tree).deepCopy();
        content.remove(KEY);
        for (int n = format; n < current; n++) {
            content = upgrades.get(n).apply(content);
        }
        return content;
    }

    /** The tree to save: the format key first, then the content. */
    public ObjectNode stamp(ObjectNode content) {
        ObjectNode stamped = JsonNodeFactory.instance.objectNode();
        stamped.put(KEY, current);
        content.fields().forEachRemaining(field -> {
            if (!field.getKey().equals(KEY)) {
                stamped.set(field.getKey(), field.getValue());
            }
        });
        return stamped;
    }

    /** The formats this code can read, for messages. */
    public String readable() {
        return new TreeMap<>(upgrades).keySet() + " and " + current;
    }
}
