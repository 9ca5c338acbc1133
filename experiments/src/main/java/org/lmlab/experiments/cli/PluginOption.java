package org.lmlab.experiments.cli;

import java.util.List;
import org.lmlab.experiments.Plugins;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code --plugin} option, one declaration for the full command tree ({@link RootCommand})
 * and the tokenizer-only one ({@link TokenizeRoot}), so both parse and show it alike. It is
 * read before the command line is parsed (the injector needs it first, see {@link Plugins});
 * it is declared for help and validation.
 */
final class PluginOption {

    @Option(names = Plugins.OPTION, paramLabel = "CLASS", scope = ScopeType.INHERIT,
            description = "A Guice module adding components (attention variants, objectives, data sources...), repeatable;"
                    + " its class must be on the class path (LMLAB_CLASSPATH).")
    private List<String> plugins;

    /** Whether the arguments name a plugin anywhere (then only the full injector will do). */
    static boolean named(String[] args) {
        for (String arg : args) {
            if (arg.equals(Plugins.OPTION) || arg.startsWith(Plugins.OPTION + "=")) {
                return true;
            }
        }
        return false;
    }
}
