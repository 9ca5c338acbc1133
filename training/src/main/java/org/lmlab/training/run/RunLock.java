package org.lmlab.training.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-writer rule of a run directory: an exclusive lock on its {@value RunDirectory#LOCK}
 * file, held for as long as a process trains the run (the operating system releases it if the
 * process dies, so a crash leaves no stale lock), with the holder's pid written inside for the
 * message a second writer gets.
 */
public final class RunLock implements AutoCloseable {

    /**
     * Runs this JVM holds. A second channel on a locked file must never be opened here: closing
     * any channel on a file may release every lock the process holds on it (POSIX locks).
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the run directory (which must exist) or fails at once.
     *
     * @throws RunInUseException if another process (or this one) holds the lock, naming its pid
     */
    public static RunLock acquire(RunDirectory run) throws IOException {
        Path file = run.lock();
        Path key = run.root().toRealPath().resolve(RunDirectory.LOCK);
        if (!HELD.add(key)) {
            throw inUse(run, "pid " + ProcessHandle.current().pid() + ", this process");
        }
        FileChannel channel;
        FileLock lock;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException failure) {
            HELD.remove(key);
            throw failure;
        }
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            lock = null;
        } catch (IOException | RuntimeException failure) {
            channel.close();
            HELD.remove(key);
            throw failure;
        }
        if (lock == null) {
            channel.close();
            HELD.remove(key);
            throw inUse(run, holder(file));
        }
        try {
            byte[] text = ("pid " + ProcessHandle.current().pid() + ", since " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text), 0);
            channel.force(false);
        } catch (IOException failure) {
            lock.release();
            channel.close();
            HELD.remove(key);
            throw failure;
        }
        return new RunLock(key, channel, lock);
    }

    private static RunInUseException inUse(RunDirectory run, String holder) {
        return new RunInUseException(run.root() + " is in use by another lmlab run ("
                + (holder.isEmpty() ? "its pid is not recorded" : holder) + "); one process writes a run at a time:"
                + " wait for it to finish or stop it" + (holder.startsWith("pid ") ? " (kill -INT " + pidOf(holder) + ")" : ""));
    }

    private static String holder(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException unreadable) {
            return "";
        }
    }

    private static String pidOf(String holder) {
        String rest = holder.substring("pid ".length());
        int end = rest.indexOf(',');
        return end < 0 ? rest : rest.substring(0, end);
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
            HELD.remove(key);
        }
    }

    /** A second writer was refused: the message names the holder's pid. */
    public static final class RunInUseException extends IOException {

        private static final long serialVersionUID = 1L;

        RunInUseException(String message) {
            super(message);
        }
    }
}
