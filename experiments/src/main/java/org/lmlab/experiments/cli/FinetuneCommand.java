package org.lmlab.experiments.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lmlab finetune}: fine-tuning recipes, each a subcommand. */
@Command(name = "finetune", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Fine-tune a pretrained model for a task, through the same trainer as pretraining.",
        subcommands = {FinetuneClassifyCommand.class})
final class FinetuneCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
