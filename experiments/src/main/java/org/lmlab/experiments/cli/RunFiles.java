package org.lmlab.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lmlab.experiments.file.ExperimentFiles;
import org.lmlab.layers.config.ConfigOverrides.Assignment;

/**
 * Which experiment file {@code lmlab run} reads, found in the raw arguments before picocli parses
 * them: the injector is built first and must already hold the file's {@code plugins:}. It is
 * {@code FILE}, or {@code RUN_DIR/experiment.yaml} for {@code --resume RUN_DIR}, or the bundled
 * quickstart; {@code --set} edits apply (they may name plugins too).
 */
final class RunFiles {

    /** {@code lmlab run}'s options that take a value, so their values are not taken for FILE. */
    private static final List<String> WITH_VALUES = List.of("--set", "--resume", "--plugin");

    private RunFiles() {
    }

    /** The bundled default experiment, under the lmlab root. */
    static Path defaultFile() {
        return Path.of(System.getProperty("lmlab.root", "."), "experiments", "configs", "quickstart.yaml");
    }

    /** The file {@code RUN_DIR} was run from. */
    static Path ofRun(Path runDirectory) {
        return runDirectory.resolve(ExperimentFiles.RUN_FILE);
    }

    /**
     * The plugins the experiment file of a {@code run} command line names, or none when the
     * arguments are not a {@code run} command or its file cannot be read (the command itself then
     * reports why, with every error of the file).
     */
    static FilePlugins plugins(String[] args) {
        int run = -1;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--plugin")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                run = args[i].equals("run") ? i : -1;
                break;
            }
        }
        if (run < 0) {
            return FilePlugins.NONE;
        }
        Path file = null;
        Path resume = null;
        List<Assignment> sets = new ArrayList<>();
        for (int i = run + 1; i < args.length; i++) {
            String arg = args[i];
            String option = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            Optional<String> value = Optional.empty();
            if (WITH_VALUES.contains(option)) {
                if (!option.equals(arg)) {
                    value = Optional.of(arg.substring(option.length() + 1));
                } else if (i + 1 < args.length) {
                    value = Optional.of(args[++i]);
                }
            }
            try {
                if (option.equals("--set") && value.isPresent()) {
                    sets.add(Assignment.parse(value.get()));
                } else if (option.equals("--resume") && value.isPresent()) {
                    resume = Path.of(value.get());
                } else if (!arg.startsWith("-") && file == null) {
                    file = Path.of(arg);
                }
            } catch (IllegalArgumentException badSet) {
                return FilePlugins.NONE;
            }
        }
        Path chosen = resume != null ? ofRun(resume) : file != null ? file : defaultFile();
        try {
            return new FilePlugins(ExperimentFiles.label(chosen) + ": plugins:",
                    ExperimentFiles.plugins(ExperimentFiles.load(chosen, sets), chosen));
        } catch (IOException | RuntimeException unreadable) {
            return FilePlugins.NONE;
        }
    }

    /** The plugin classes a file names, and how to name them in messages ({@code quickstart.yaml: plugins:}). */
    record FilePlugins(String where, List<String> names) {

        static final FilePlugins NONE = new FilePlugins("plugins:", List.of());
    }
}
