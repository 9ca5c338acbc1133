package org.lmlab.tokenizers;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository's {@code data/} folder, found through the {@code lmlab.root} system property that surefire sets. */
public final class DataFiles {

    private DataFiles() {
    }

    /** {@code data/<relative>}, which must exist. */
    public static Path path(String relative) {
        String root = System.getProperty("lmlab.root");
        if (root == null) {
            throw new IllegalStateException("system property lmlab.root is not set (surefire sets it to the repository root)");
        }
        Path path = Path.of(root, "data", relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException("missing data file " + path);
        }
        return path;
    }
}
