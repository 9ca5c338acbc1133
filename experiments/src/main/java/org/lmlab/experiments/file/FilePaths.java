package org.lmlab.experiments.file;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a relative path in an experiment file points: beside the file if it exists there, else
 * under the working directory if it exists there, else under the lmlab root (the launcher's {@code lmlab.root}, where {@code data/} is),
 * so the bundled files' {@code data/...} work from any directory. Resolved trees hold the
 * absolute path.
 */
final class FilePaths {

    private FilePaths() {
    }

    /** The absolute, normalised path {@code text} means. */
    static Path resolve(String text, Path experimentFile) {
        Path path = Path.of(text);
        if (path.isAbsolute()) {
            return path.normalize();
        }
        Path parent = experimentFile.toAbsolutePath().getParent();
        if (parent != null && Files.exists(parent.resolve(path))) {
            return parent.resolve(path).normalize();
        }
        Path here = path.toAbsolutePath().normalize();
        if (Files.exists(here)) {
            return here;
        }
        Path underRoot = Path.of(System.getProperty("lmlab.root", ".")).resolve(path).toAbsolutePath().normalize();
        if (Files.exists(underRoot)) {
            return underRoot;
        }
        // Found nowhere: the message names it beside the file, where a reader of the file looks first.
        return parent != null ? parent.resolve(path).normalize() : here;
    }

    /** Why a data file cannot be read (missing, empty), or null if it looks fine. */
    static String problem(Path file) {
        if (!Files.exists(file)) {
            return "no such file " + file;
        }
        if (Files.isRegularFile(file)) {
            try {
                long size = Files.size(file);
                boolean blank = size == 0 || (size < 1 << 20 && !file.toString().endsWith(".gz")
                        && new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8).isBlank());
                if (blank) {
                    return file + " is empty";
                }
            } catch (java.io.IOException | java.io.UncheckedIOException unreadable) {
                return "cannot read " + file + ": " + unreadable.getMessage();
            }
        }
        return null;
    }
}
