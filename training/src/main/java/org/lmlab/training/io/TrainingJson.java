package org.lmlab.training.io;

import java.io.IOException;
import java.nio.file.Path;
import org.lmlab.layers.config.Json;
import org.lmlab.models.safetensors.AtomicFiles;

/**
 * Training's files without registered components (checkpoint {@code state.json}, token cache
 * sidecars) in lmlab's one dialect ({@link Json}), written atomically.
 */
public final class TrainingJson {

    private TrainingJson() {
    }

    /** Reads a record from a file, or an {@link IOException} naming the file and the field. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        return Json.read(file, type);
    }

    /** Writes a record to a file atomically. */
    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.write(file, Json.bytes(Json.MAPPER, value));
    }
}
