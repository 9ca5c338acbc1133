package org.lmlab.experiments.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Deep merge of config trees, as {@code extends:} and partial model trees use it: objects merge
 * key by key, anything else (a value, a list, an explicit null) in the overriding tree replaces
 * what the base had.
 */
public final class TreeMerge {

    private TreeMerge() {
    }

    /** A new tree: {@code base} with {@code override} merged onto it (neither is changed). */
    public static JsonNode merge(JsonNode base, JsonNode override) {
        if (base instanceof ObjectNode baseObject && override instanceof ObjectNode overrideObject) {
            ObjectNode result = baseObject.deepCopy();
            Iterator<Map.Entry<String, JsonNode>> fields = overrideObject.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode existing = result.get(field.getKey());
                result.set(field.getKey(), existing == null ? field.getValue().deepCopy() : merge(existing, field.getValue()));
            }
            return result;
        }
        return override.deepCopy();
    }
}
