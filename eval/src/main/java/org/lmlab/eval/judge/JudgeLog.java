package org.lmlab.eval.judge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The judge's raw replies as JSON lines, one per request: the item id, the attempt, the HTTP
 * status and body when there was a response, the extracted reply and score, the outcome
 * ({@code scored}, {@code malformed}, {@code retry}, {@code failed}) and the error of a failed
 * attempt. Each line is flushed, so the file is complete up to a failure. No timings.
 */
public final class JudgeLog implements Closeable {

    private static final ObjectMapper LINES = new ObjectMapper();

    private final Path file;
    private final BufferedWriter out;

    /** A new log at {@code file} (replacing any older one; its folder is created). */
    public JudgeLog(Path file) throws IOException {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** The log's file. */
    public Path file() {
        return file;
    }

    /** A new line for an item's attempt, for the caller to fill and {@link #write}. */
    public ObjectNode line(String id, int attempt) {
        ObjectNode line = LINES.createObjectNode();
        line.put("id", id);
        line.put("attempt", attempt);
        return line;
    }

    /** Appends one line and flushes it. */
    public void write(ObjectNode line) {
        try {
            out.write(LINES.writeValueAsString(line));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the judge's replies: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
