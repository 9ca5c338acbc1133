package org.lmlab.eval.report.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Published reference rows a task ships in its extras ({@code extras.references}, BLiMP's
 * per-category accuracies of known models): each reference model's name with its numbers by group
 * (a {@code {"gpt2": {"anaphor_agreement": 0.9, ...}}} map, or one level deeper, e.g. under
 * {@code models}). Anything that is not numbers by name is left out.
 */
final class References {

    private References() {
    }

    static Map<String, Map<String, Double>> of(JsonNode references) {
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        collect(references, rows, 0);
        return rows;
    }

    private static void collect(JsonNode node, Map<String, Map<String, Double>> rows, int depth) {
        if (node == null || !node.isObject() || depth > 2) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isObject()) {
                continue;
            }
            Map<String, Double> numbers = new LinkedHashMap<>();
            field.getValue().fields().forEachRemaining(inner -> {
                if (inner.getValue().isNumber()) {
                    numbers.put(inner.getKey(), inner.getValue().asDouble());
                }
            });
            if (!numbers.isEmpty()) {
                rows.put(field.getKey(), numbers);
            } else {
                collect(field.getValue(), rows, depth + 1);
            }
        }
    }
}
