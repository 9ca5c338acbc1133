package org.lmlab.training.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Files a data source writes into a run directory when the run starts (after every check has
 * passed and {@code train.json} is written), so a run records exactly which items it trained
 * and is tested on: split files, their SHA-256, a label mapping. Most sources write nothing.
 */
@FunctionalInterface
public interface RunFiles {

    /** Nothing to write. */
    RunFiles NONE = runDirectory -> { };

    /** Writes this source's files under {@code runDirectory}, which exists. */
    void write(Path runDirectory) throws IOException;
}
