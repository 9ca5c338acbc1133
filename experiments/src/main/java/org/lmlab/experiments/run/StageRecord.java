package org.lmlab.experiments.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.lmlab.layers.config.Json;

/**
 * The {@value #FILE} a stage folder gets when its stage finished: the stage's id and config
 * hash. Running an experiment again skips a stage whose record holds the same hash; a folder
 * without a record holds a stage that was cut off (resumed where it can be, else redone).
 */
public record StageRecord(String stage, String hash, String state) {

    public static final String FILE = "stage.json";

    public static final String COMPLETE = "complete";

    /** The record in a stage folder, if the stage finished. */
    public static Optional<StageRecord> read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(Json.read(file, StageRecord.class));
    }

    /** Writes the record atomically (a temporary file moved into place). */
    public void write(Path folder) throws IOException {
        Path temporary = folder.resolve(FILE + ".tmp");
        Files.write(temporary, Json.bytes(Json.MAPPER, this));
        Files.move(temporary, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** True when this record says the stage with {@code expectedHash} is done. */
    public boolean completes(String expectedHash) {
        return COMPLETE.equals(state) && hash.equals(expectedHash);
    }
}
