package org.lmlab.experiments.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lmlab finetune}: fine-tuning recipes on the one trainer. */
@Command(name = "finetune", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Fine-tune a model (a preset, a model directory or a run).",
        subcommands = {FinetuneClassifyCommand.class, FinetuneInstructCommand.class})
final class FinetuneCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
