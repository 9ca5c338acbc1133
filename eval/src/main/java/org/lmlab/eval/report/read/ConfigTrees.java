package org.lmlab.eval.report.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A config tree flattened to dotted paths ({@code train.schedule.peak_lr}, arrays as
 * {@code tasks[0].type}), each leaf's value as JSON text, in sorted path order: what a
 * comparison lists path by path.
 */
public final class ConfigTrees {

    private ConfigTrees() {
    }

    public static Map<String, String> flatten(JsonNode tree) {
        Map<String, String> out = new TreeMap<>();
        flatten("", tree, out);
        return out;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject() && node.size() > 0) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray() && node.size() > 0) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), out);
            }
        } else {
            out.put(path.isEmpty() ? "(root)" : path, node.isTextual() ? node.asText() : node.toString());
        }
    }
}
