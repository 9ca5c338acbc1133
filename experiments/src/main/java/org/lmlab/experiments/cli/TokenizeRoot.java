package org.lmlab.experiments.cli;

import org.lmlab.tokenizers.Tokenizers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The command tree {@code lmlab tokenize} starts with when no plugin is named: the root's name,
 * version and {@code --plugin} option over the one {@link TokenizeCommand}, made with the
 * built-in tokenizer registry instead of the injector. The full tree makes every command and
 * its components through the whole injector (most of a second before any text is read); this
 * one parses, helps and fails as that one does for {@code tokenize}, so {@link Lmlab} uses it
 * whenever nothing else could differ.
 */
@Command(
        name = "lmlab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        subcommands = TokenizeCommand.class)
final class TokenizeRoot {

    private static final String COMMAND = "tokenize";

    @Mixin
    private PluginOption plugins;

    /** Whether this tree serves these arguments: {@code tokenize} first, and no plugin (which could add tokenizers). */
    static boolean serves(String[] args) {
        return args.length > 0 && args[0].equals(COMMAND) && !PluginOption.named(args);
    }

    /** The tree, its {@code tokenize} command over {@link Tokenizers#standard()}. */
    static CommandLine commandLine() {
        Tokenizers tokenizers = Tokenizers.standard();
        return new CommandLine(new TokenizeRoot(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == TokenizeCommand.class ? type.cast(new TokenizeCommand(tokenizers)) : CommandLine.defaultFactory().create(type);
            }
        });
    }
}
