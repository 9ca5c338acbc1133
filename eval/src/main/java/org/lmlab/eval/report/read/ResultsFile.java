package org.lmlab.eval.report.read;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lmlab.eval.task.ItemResult;
import org.lmlab.layers.config.Json;

/**
 * A task's {@code results.jsonl}: one {@link ItemResult} per line. Absent parts may be left out
 * of a line (they are written {@code NON_NULL}); unknown keys and malformed lines fail naming the
 * file and the line.
 */
public final class ResultsFile {

    private static final ObjectMapper LINES = Json.MAPPER.copy()
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ResultsFile() {
    }

    public static List<ItemResult> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "missing results file");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<ItemResult> items = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                items.add(LINES.readValue(lines.get(i), ItemResult.class));
            } catch (IOException | IllegalArgumentException malformed) {
                String why = malformed.getMessage() == null ? "" : malformed.getMessage().split("\\R", 2)[0];
                throw new IOException(file + ": line " + (i + 1) + ": not an item result (" + why + ")");
            }
        }
        return items;
    }
}
