package org.lmlab.training.provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git commit of the lmlab checkout that ran, and whether its tracked files had changes;
 * {@code "unknown"} where there is no git or no repository (an installed copy).
 */
public record GitState(String commit, boolean dirty) {

    /** Asks git in {@code root}; never fails the run. */
    public static GitState of(Path root) {
        if (!Files.isDirectory(root.resolve(".git")) && !Files.isRegularFile(root.resolve(".git"))) {
            return new GitState("unknown", false);
        }
        String commit = run(root, List.of("git", "rev-parse", "HEAD"));
        if (commit == null || commit.isBlank()) {
            return new GitState("unknown", false);
        }
        String changes = run(root, List.of("git", "status", "--porcelain", "--untracked-files=no"));
        return new GitState(commit.strip(), changes != null && !changes.isBlank());
    }

    private static String run(Path root, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
