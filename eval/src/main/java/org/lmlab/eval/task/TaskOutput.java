package org.lmlab.eval.task;

import java.util.List;
import java.util.Map;

/**
 * What a task produced: one result per item, task-specific extras for the report (BLiMP's
 * published reference rows, a confusion matrix), written under the task in {@code metrics.json},
 * and notes a reader must see (for example that pseudo-perplexity is not comparable to perplexity).
 */
public record TaskOutput(List<ItemResult> items, Map<String, Object> extras, List<String> notes) {

    public TaskOutput {
        items = List.copyOf(items);
        extras = Map.copyOf(extras);
        notes = List.copyOf(notes);
    }

    public static TaskOutput of(List<ItemResult> items) {
        return new TaskOutput(items, Map.of(), List.of());
    }
}
