package org.lmlab.eval.tasks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Where the tasks' bundled data is and how their files are read: paths under the
 * {@code lmlab.root} system property (else the working directory), as the fine-tuning data
 * sources resolve theirs, and UTF-8 text that may be gzipped ({@code .gz}), so the vendored
 * files can stay compressed in the repository.
 */
public final class TaskFiles {

    private TaskFiles() {
    }

    /** The absolute path of a file shipped under {@code data/} ({@code relative} starts with {@code data/}). */
    public static Path bundled(String relative) {
        return Path.of(System.getProperty("lmlab.root", "."), relative).toAbsolutePath().normalize();
    }

    /** The whole file as UTF-8 text, gunzipped first when its name ends in {@code .gz}; malformed UTF-8 is an error naming the file. */
    public static String readText(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, Files.exists(file) ? "not a regular file" : "no such file");
        }
        byte[] bytes;
        if (file.getFileName().toString().endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                bytes = in.readAllBytes();
            } catch (java.util.zip.ZipException broken) {
                throw new IOException(file + ": not a valid gzip file (" + broken.getMessage() + ")", broken);
            }
        } else {
            bytes = Files.readAllBytes(file);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException malformed) {
            throw new IOException(file + ": not valid UTF-8 text", malformed);
        }
    }

    /** The file's lines ({@link #readText}), without line terminators. */
    public static List<String> readLines(Path file) throws IOException {
        return readText(file).lines().toList();
    }
}
