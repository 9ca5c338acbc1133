package org.lmlab.eval.report;

import java.nio.file.Path;

/** A run directory and the label a comparison shows it under. */
public record LabelledRun(String label, Path dir) {

    public LabelledRun {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a compared run needs a label");
        }
    }
}
