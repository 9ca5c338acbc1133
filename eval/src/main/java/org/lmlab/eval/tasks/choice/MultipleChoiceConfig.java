package org.lmlab.eval.tasks.choice;

import org.lmlab.eval.task.TaskConfig;

/**
 * {@code multiple-choice}: questions with one right answer among several continuations.
 *
 * @param path a JSONL file, one {@code {"id"?, "context", "choices": [...], "gold": index}} per line;
 *             there is no bundled file, so it must be set ({@code --set task.multiple-choice.path=FILE})
 */
public record MultipleChoiceConfig(String type, String path) implements TaskConfig {

    /** The registered name. */
    public static final String NAME = "multiple-choice";

    public MultipleChoiceConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("type: required");
        }
        path = path == null ? "" : path;
    }

    /** No file yet: one must be given. */
    public static MultipleChoiceConfig defaults() {
        return new MultipleChoiceConfig(NAME, "");
    }
}
