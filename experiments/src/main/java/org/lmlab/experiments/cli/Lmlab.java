package org.lmlab.experiments.cli;

import com.google.inject.Injector;
import com.google.inject.Module;
import java.util.ArrayList;
import java.util.List;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.lmlab.experiments.Injection;
import org.lmlab.experiments.Plugins;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the {@code lmlab} command: builds the one injector (built-in components plus
 * {@code --plugin} modules and, for {@code lmlab run}, the experiment file's {@code plugins:}), lets picocli make every command through it, and turns every user
 * mistake into one line on stderr with exit code 2. {@code lmlab tokenize} without plugins
 * starts on the smaller {@link TokenizeRoot} instead, which needs no injector.
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
        CliErrors errors = new CliErrors(debugging());
        CommandLine commandLine;
        try {
            commandLine = TokenizeRoot.serves(args) ? TokenizeRoot.commandLine() : commandLine(injector(args));
        } catch (IllegalArgumentException badPlugin) {
            int code = errors.report(badPlugin, err);
            err.flush();
            return code;
        }
        commandLine.setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors)
                .setExecutionStrategy(Lmlab::executeMatched);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The one injector: the built-in components, the {@code --plugin} modules and, for {@code lmlab run}, the file's. */
    private static Injector injector(String[] args) {
        List<Module> plugins = new ArrayList<>(Plugins.load(Plugins.named(args), Plugins.OPTION, Lmlab.class.getClassLoader()));
        // lmlab run FILE: the file's plugins: join the one injector too (those not also given as --plugin).
        RunFiles.FilePlugins fromFile = RunFiles.plugins(args);
        List<String> filePlugins = new ArrayList<>(fromFile.names());
        filePlugins.removeAll(Plugins.named(args));
        plugins.addAll(Plugins.load(filePlugins, fromFile.where(), Lmlab.class.getClassLoader()));
        return Injection.create(plugins);
    }

    /**
     * Runs the command picocli matched, but first refuses arguments it could not match at any
     * level: picocli lets them pass when {@code --help} is also given, so {@code lmlab NONSENSE
     * --help} would print the top-level help and exit 0 instead of naming the unknown command.
     */
    private static int executeMatched(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (!level.unmatched().isEmpty()) {
                throw new UnmatchedArgumentException(level.commandSpec().commandLine(), level.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    /** The command tree, every command made through the injector. */
    static CommandLine commandLine(Injector injector) {
        return new CommandLine(RootCommand.class, new GuiceFactory(injector));
    }

    /** {@code LMLAB_DEBUG=true} (or 1) prints stack traces. */
    private static boolean debugging() {
        String value = System.getenv().getOrDefault("LMLAB_DEBUG", "false").strip();
        return value.equalsIgnoreCase("true") || value.equals("1");
    }
}
