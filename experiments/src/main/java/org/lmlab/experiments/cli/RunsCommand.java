package org.lmlab.experiments.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lmlab runs}: commands about run directories. */
@Command(name = "runs", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Look after run directories.",
        subcommands = {RunsPruneCommand.class})
final class RunsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
