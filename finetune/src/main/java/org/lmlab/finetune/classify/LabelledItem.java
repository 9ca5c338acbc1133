package org.lmlab.finetune.classify;

import java.util.Objects;

/**
 * One labelled text as a file holds it: its {@code id} (the line its record starts on, counted
 * from 1, so every item can be found in the source), its label as written, and its text.
 */
public record LabelledItem(int id, String label, String text) {

    public LabelledItem {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(text, "text");
        if (id < 1) {
            throw new IllegalArgumentException("id: must be a line number (1 or more), got " + id);
        }
    }
}
