package org.lmlab.experiments.cli;

import java.io.PrintWriter;

/** Whether lmlab talks to a person at a terminal, for notices a pipe would not want. */
final class Terminal {

    /** Set to {@code true} or {@code false} to decide instead of {@link System#console()} (tests). */
    static final String PROPERTY = "lmlab.terminal";

    private Terminal() {
    }

    static boolean interactive() {
        String forced = System.getProperty(PROPERTY);
        return forced != null ? Boolean.parseBoolean(forced) : System.console() != null;
    }

    /** On a terminal, says on stderr that the command waits for standard input, and how to end or avoid it. */
    static void noticeReadingStdin(PrintWriter err, String command, String alternative) {
        if (interactive()) {
            err.println("lmlab " + command + ": reading standard input, one text per line (end with Ctrl-D; " + alternative + ")");
            err.flush();
        }
    }
}
