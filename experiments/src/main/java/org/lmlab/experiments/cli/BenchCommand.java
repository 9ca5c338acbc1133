package org.lmlab.experiments.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lmlab bench}: throughput measurements whose figures go into docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Measure throughput (figures for docs/benchmarks.md).",
        subcommands = {BenchTrainCommand.class, BenchGenerateCommand.class})
final class BenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
