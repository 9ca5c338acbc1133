package org.lmlab.layers.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;

/**
 * {@code --set path=value} edits of a config tree, minGPT-style: the path is dotted keys as
 * they appear in the file ({@code model.block.attention.kv_heads}, list elements by index),
 * the value a YAML scalar or flow value ({@code 2}, {@code true}, {@code rope},
 * {@code [1, 2]}, {@code {type: rope}}). Setting a key that does not exist adds it, so the
 * record binding afterwards rejects a misspelt one with the known keys; a path through
 * something that is not an object is refused here.
 */
public final class ConfigOverrides {

    private static final ObjectMapper VALUES = new ObjectMapper(new YAMLFactory());

    private ConfigOverrides() {
    }

    /** One parsed {@code path=value}. */
    public record Assignment(String path, JsonNode value, String text) {

        /** Parses {@code path=value}. */
        public static Assignment parse(String text) {
            int equals = text.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--set " + text + ": expected path=value");
            }
            String path = text.substring(0, equals).strip();
            if (!path.matches("[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*")) {
                throw new IllegalArgumentException("--set " + text + ": the path must be dotted keys (model.block.attention.heads)");
            }
            String raw = text.substring(equals + 1);
            JsonNode value;
            try {
                value = raw.isBlank() ? VALUES.getNodeFactory().textNode("") : VALUES.readTree(raw);
            } catch (IOException malformed) {
                throw new IllegalArgumentException("--set " + text + ": the value is not a YAML value: "
                        + malformed.getMessage().lines().findFirst().orElse(""), malformed);
            }
            if (value == null || value.isMissingNode()) {
                value = VALUES.getNodeFactory().nullNode();
            }
            return new Assignment(path, value, text);
        }
    }

    /** Applies the edits in order to a copy of {@code tree}. */
    public static ObjectNode apply(ObjectNode tree, List<Assignment> overrides) {
        ObjectNode result = tree.deepCopy();
        for (Assignment override : overrides) {
            set(result, override);
        }
        return result;
    }

    private static void set(ObjectNode root, Assignment override) {
        String[] keys = override.path().split("\\.");
        JsonNode node = root;
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < keys.length - 1; i++) {
            walked.append(i == 0 ? "" : ".").append(keys[i]);
            JsonNode next = child(node, keys[i]);
            if (next == null || next.isNull()) {
                if (!(node instanceof ObjectNode object)) {
                    throw new IllegalArgumentException("--set " + override.text() + ": " + walked + " does not exist");
                }
                next = object.putObject(keys[i]);
            }
            if (!next.isContainerNode()) {
                throw new IllegalArgumentException("--set " + override.text() + ": " + walked + " is a value ("
                        + next + "), not a section with keys");
            }
            node = next;
        }
        String last = keys[keys.length - 1];
        if (node instanceof ObjectNode object) {
            object.set(last, override.value());
        } else if (node instanceof ArrayNode array && last.matches("\\d+") && Integer.parseInt(last) < array.size()) {
            array.set(Integer.parseInt(last), override.value());
        } else {
            throw new IllegalArgumentException("--set " + override.text() + ": " + walked + " has no element " + last);
        }
    }

    private static JsonNode child(JsonNode node, String key) {
        if (node instanceof ArrayNode array) {
            return key.matches("\\d+") && Integer.parseInt(key) < array.size() ? array.get(Integer.parseInt(key)) : null;
        }
        return node.get(key);
    }
}
