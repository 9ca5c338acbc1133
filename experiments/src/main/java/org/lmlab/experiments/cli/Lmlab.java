package org.lmlab.experiments.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Entry point of the {@code lmlab} command: wires the picocli command tree and turns every
 * user mistake into one line on stderr with exit code 2.
 */
public final class Lmlab {

    private Lmlab() {
    }

    public static void main(String[] args) {
        // Token strings and generated text are UTF-8 whatever the platform's default charset.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(execute(args, out, err));
    }

    /** Runs one command line and returns its exit code; never calls {@code System.exit}. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CliErrors errors = new CliErrors(Boolean.parseBoolean(System.getenv().getOrDefault("LMLAB_DEBUG", "false")));
        CommandLine commandLine = new CommandLine(new RootCommand())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
