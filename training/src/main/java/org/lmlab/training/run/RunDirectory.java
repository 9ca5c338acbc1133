package org.lmlab.training.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of a training run's folder: {@value #CONFIG} (the resolved {@link TrainJobConfig}),
 * {@value #STATUS} (where the run is: running, interrupted, failed or complete, its extensions),
 * {@code metrics.jsonl}, {@code checkpoints/}, {@value #LOCK} (locked by the one process writing
 * the run) and, once training finished, {@code model/} (the final weights as a model directory,
 * with the tokenizer they were trained with, that {@code lmlab generate} and {@code score} read).
 */
public record RunDirectory(Path root) {

    /** The run's resolved config. */
    public static final String CONFIG = "train.json";

    /** The run's progress ({@link RunStatus}). */
    public static final String STATUS = "status.json";

    /** Locked for the life of the process training the run ({@link RunLock}). */
    public static final String LOCK = ".lock";

    public Path config() {
        return root.resolve(CONFIG);
    }

    public Path status() {
        return root.resolve(STATUS);
    }

    public Path lock() {
        return root.resolve(LOCK);
    }

    /** Where and with what the run was made ({@link org.lmlab.training.provenance.Provenance}). */
    public Path provenance() {
        return root.resolve(org.lmlab.training.provenance.Provenance.FILE);
    }

    public Path metrics() {
        return root.resolve("metrics.jsonl");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path model() {
        return root.resolve("model");
    }

    /** The files and folders a run writes, for cleaning up after a start that failed before its first checkpoint. */
    List<Path> written() {
        return List.of(config(), status(), provenance(), metrics(), checkpoints(), model(), lock());
    }

    /** True if a run was started here. */
    public boolean holdsRun() {
        return Files.isRegularFile(config());
    }

    /**
     * Checks that a new run may be written here: the path is absent or an empty directory. A file,
     * a run (resume it instead) or a directory holding anything else (never overwritten) is
     * refused with a message saying which.
     *
     * @throws IllegalArgumentException if the path cannot take a new run
     */
    public void requireNewRunLocation() {
        if (!Files.exists(root)) {
            return;
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is a file; a run directory must be a new or empty directory");
        }
        if (holdsRun()) {
            throw new IllegalArgumentException(root + " already holds a run (" + CONFIG
                    + "); resume it with --resume or choose another output directory");
        }
        List<String> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
            for (Path child : children) {
                if (!child.getFileName().toString().equals(LOCK)) {
                    entries.add(child.getFileName().toString());
                }
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(root + ": " + unreadable.getMessage(), unreadable);
        }
        if (!entries.isEmpty()) {
            entries.sort(null);
            throw new IllegalArgumentException(root + " is not empty and is not an lmlab run (it holds "
                    + String.join(", ", entries.subList(0, Math.min(3, entries.size())))
                    + (entries.size() > 3 ? " and " + (entries.size() - 3) + " more" : "")
                    + "); a run never overwrites files it did not write: choose a new or empty directory");
        }
    }
}
