package org.lmlab.experiments.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Hashes of resolved trees: SHA-256 (lower-case hex) of the canonical JSON (keys sorted at every
 * level, no whitespace), so the same experiment always has the same hash whatever the key order
 * of the file it came from. Stages hash their own subtree ({@link #hashOf}) to tell whether an
 * earlier run folder already holds their result.
 */
public final class ExperimentHash {

    private static final ObjectMapper COMPACT = new ObjectMapper();

    private ExperimentHash() {
    }

    /** The SHA-256 hex of the canonical JSON of {@code tree}. */
    public static String hashOf(JsonNode tree) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson(tree).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is not available", missing);
        }
    }

    /** The tree as compact JSON with its object keys sorted, the text {@link #hashOf} digests. */
    public static String canonicalJson(JsonNode tree) {
        try {
            return COMPACT.writeValueAsString(sorted(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                result.set(name, sorted(object.get(name)));
            }
            return result;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            for (Iterator<JsonNode> elements = array.elements(); elements.hasNext(); ) {
                result.add(sorted(elements.next()));
            }
            return result;
        }
        return node;
    }
}
