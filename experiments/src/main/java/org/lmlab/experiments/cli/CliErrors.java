package org.lmlab.experiments.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NoSuchFileException;
import org.lmlab.experiments.file.ExperimentFileException;
import org.lmlab.training.TrainingDivergedException;
import org.lmlab.training.TrainingInterruptedException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns exceptions into one line on stderr. Usage mistakes and bad input (unknown options,
 * missing or malformed files, invalid values) exit with 2; a run stopped by Ctrl-C or SIGTERM
 * exits with 130 and says how to continue it; a run whose loss diverged exits with 1 and says
 * so; anything else is a bug and exits with 1. Stack traces are printed only when
 * {@code LMLAB_DEBUG=true} (or 1). Every command that trains through {@code TrainJob} gets
 * these lines without handling anything itself.
 */
final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    /** Exit code for a usage mistake or bad input. */
    static final int USAGE = 2;

    /** Exit code for an internal error (and a diverged run). */
    static final int INTERNAL = 1;

    /** Exit code of a run stopped by a signal, as a shell reports Ctrl-C. */
    static final int INTERRUPTED = 130;

    private final boolean debug;

    CliErrors(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String help = command.getCommandSpec().qualifiedName() + " --help";
        err.println("lmlab: " + explain(e) + " (see '" + help + "')");
        printTraceIfDebugging(e, err);
        return USAGE;
    }

    /** Names an unknown subcommand as such; picocli's own wording covers the other cases. */
    private static String explain(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.isUnknownOption()
                && !e.getCommandLine().getSubcommands().isEmpty() && !unmatched.getUnmatched().isEmpty()) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "'";
        }
        return oneLine(e.getMessage());
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (e instanceof TrainingInterruptedException stopped) {
            err.println("lmlab: " + oneLine(stopped.getMessage()) + (stopped.resumable() && stopped.runDirectory() != null
                    ? "; continue with: " + command.getCommandSpec().qualifiedName() + " --resume " + stopped.runDirectory() : ""));
            printTraceIfDebugging(e, err);
            return INTERRUPTED;
        }
        if (e instanceof TrainingDivergedException diverged) {
            err.println("lmlab: " + oneLine(diverged.getMessage()));
            printTraceIfDebugging(e, err);
            return INTERNAL;
        }
        return report(e, err);
    }

    /** Prints one line for a failure outside a command (a plugin that cannot be loaded) and returns the exit code. */
    int report(Exception e, PrintWriter err) {
        if (e instanceof ExperimentFileException file) {
            // Every error of an experiment file, one per line, each naming the file and the field.
            file.errors().forEach(line -> err.println("lmlab: " + oneLine(line)));
            printTraceIfDebugging(e, err);
            return USAGE;
        }
        if (isBadInput(e)) {
            err.println("lmlab: " + describe(e));
            printTraceIfDebugging(e, err);
            return USAGE;
        }
        err.println("lmlab: internal error: " + describe(e) + (debug ? "" : " (set LMLAB_DEBUG=true for the stack trace)"));
        printTraceIfDebugging(e, err);
        return INTERNAL;
    }

    private static boolean isBadInput(Throwable e) {
        return e instanceof IOException || e instanceof UncheckedIOException || e instanceof IllegalArgumentException;
    }

    private static String describe(Throwable e) {
        // An UncheckedIOException made with its own message says more than its cause; one that only wraps does not.
        boolean wrapperOnly = e instanceof UncheckedIOException && e.getCause() != null
                && (e.getMessage() == null || e.getMessage().equals(e.getCause().toString()));
        Throwable cause = wrapperOnly ? e.getCause() : e;
        if (cause instanceof NoSuchFileException || cause instanceof FileNotFoundException) {
            return "file not found: " + oneLine(cause.getMessage());
        }
        if (cause instanceof AccessDeniedException) {
            return "permission denied: " + oneLine(cause.getMessage());
        }
        if (cause instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + ": already exists" + (exists.getReason() != null ? " (" + exists.getReason() + ")" : "")
                    + (java.nio.file.Files.isRegularFile(java.nio.file.Path.of(exists.getFile())) ? " and is a file, not a directory" : "");
        }
        if (cause instanceof NotDirectoryException notDirectory) {
            return notDirectory.getFile() + ": not a directory";
        }
        if (cause instanceof FileSystemException system && system.getFile() != null && system.getReason() != null) {
            return system.getFile() + ": " + system.getReason();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : oneLine(message);
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private void printTraceIfDebugging(Throwable e, PrintWriter err) {
        if (debug) {
            e.printStackTrace(err);
        }
    }
}
