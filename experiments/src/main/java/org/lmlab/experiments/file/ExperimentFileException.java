package org.lmlab.experiments.file;

import java.util.List;

/**
 * Everything wrong with an experiment file, found before anything runs: one line per error,
 * {@code FILE: path.to.field: message}, joined by newlines in the message. The command line
 * prints each line and exits with 2.
 */
public final class ExperimentFileException extends IllegalArgumentException {

    private final List<String> errors;

    public ExperimentFileException(List<String> errors) {
        super(String.join("\n", errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an ExperimentFileException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** The error lines, in the order they were found. */
    public List<String> errors() {
        return errors;
    }
}
