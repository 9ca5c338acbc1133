package org.lmlab.models.safetensors;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file all-or-nothing: the content goes to a temporary file in the target's directory,
 * is flushed to disk, and then replaces the target with one atomic rename. A crash or an
 * exception while writing leaves any existing target untouched and removes the temporary file.
 * Used by the checkpoint writers (safetensors, Hugging Face config.json).
 */
public final class AtomicFiles {

    private static final int BUFFER_BYTES = 1 << 16;

    private AtomicFiles() {
    }

    /** Produces a file's content into a stream the caller must not close. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Atomically replaces {@code target} with these bytes. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Atomically replaces {@code target} with what {@code content} writes. The temporary file
     * gets the default permissions of a new file, like the target would.
     *
     * @throws IOException if writing or the final rename fails; the target is then unchanged
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = directory.resolve("." + absolute.getFileName() + "."
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException | Error failure) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanupFailure) {
                failure.addSuppressed(cleanupFailure);
            }
            throw failure;
        }
    }
}
