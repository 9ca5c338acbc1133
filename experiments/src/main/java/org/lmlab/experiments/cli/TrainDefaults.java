package org.lmlab.experiments.cli;

import java.nio.file.Path;

/** Defaults of {@code lmlab train} that depend on the installation: where the book's corpus is. */
final class TrainDefaults {

    private TrainDefaults() {
    }

    /** data/the-verdict.txt under the lmlab root (the launcher's {@code lmlab.root}), else under the working directory. */
    static Path bookCorpus() {
        return Path.of(System.getProperty("lmlab.root", "."), "data", "the-verdict.txt");
    }
}
