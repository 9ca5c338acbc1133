package org.lmlab.experiments.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root {@code lmlab} command. Only subcommands that work are registered here, so
 * {@code lmlab --help} never advertises something that is not built yet.
 */
@Command(
        name = "lmlab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Build, pretrain, fine-tune and compare small transformer language models.",
        subcommands = {HelpCommand.class, RunCommand.class, ScoreCommand.class, GenerateCommand.class, EmbedCommand.class, ModelCommand.class,
            TokenizeCommand.class, TrainCommand.class, FinetuneCommand.class, ClassifyCommand.class, EvalCommand.class, ReportCommand.class,
            CompareCommand.class, RunsCommand.class, BenchCommand.class})
final class RootCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PluginOption plugins;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
