package org.lmlab.models.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed atomic write leaves the old file and no temporary file; a good one replaces it. */
class AtomicFilesTest {

    @TempDir
    Path directory;

    @Test
    void failureHalfwayKeepsTheOldFileAndRemovesTheTemporaryOne() throws IOException {
        Path target = directory.resolve("model.safetensors");
        Files.writeString(target, "old content");
        IOException failure = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[200_000]); // more than the buffer, so part reaches the temporary file
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals("old content", Files.readString(target));
        assertEquals(List.of(target), list());
    }

    @Test
    void successReplacesTheOldFile() throws IOException {
        Path target = directory.resolve("config.json");
        Files.writeString(target, "old");
        AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
        assertEquals(List.of(target), list());
    }

    @Test
    void missingDirectoryIsAnError() {
        assertThrows(NoSuchFileException.class, () -> AtomicFiles.write(directory.resolve("no/such/file"), new byte[1]));
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
