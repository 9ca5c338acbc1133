package org.lmlab.eval.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One line of a task's {@code results.jsonl}: the item's id (stable across models, so two runs
 * pair up), the score of each option, the predicted and the gold option, whether it was right,
 * the item's groups (BLiMP paradigm and category) and the numbers its metrics aggregate
 * ({@code correct} as 0 or 1, {@code nll}, {@code tokens}, {@code bytes}...), and texts such as
 * a generated response. Absent parts are {@code null} or empty.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemResult(
        String id,
        List<Double> scores,
        Integer prediction,
        Integer gold,
        Boolean correct,
        Map<String, String> groups,
        Map<String, Double> values,
        Map<String, String> texts) {

    public ItemResult {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an item needs an id");
        }
        scores = scores == null ? List.of() : List.copyOf(scores);
        groups = groups == null ? Map.of() : Map.copyOf(groups);
        values = values == null ? Map.of() : Map.copyOf(values);
        texts = texts == null ? Map.of() : Map.copyOf(texts);
    }

    /** The number {@code key} of this item, failing with the item's id if it has none. */
    public double value(String key) {
        Double value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("item " + id + " has no value '" + key + "'");
        }
        return value;
    }
}
