package org.lmlab.experiments.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lmlab model}: commands about model configs and presets. */
@Command(name = "model", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Inspect model presets and model directories; export a model directory.",
        subcommands = {ModelInfoCommand.class, ModelExportCommand.class})
final class ModelCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
