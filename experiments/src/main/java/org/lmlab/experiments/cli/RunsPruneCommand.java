package org.lmlab.experiments.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lmlab.training.run.TrainJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lmlab runs prune RUN_DIR}: frees a finished run's checkpoints (weights and optimizer state). */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Delete the checkpoints (weights and optimizer state) of a finished run, keeping its model/,"
                + " train.json and metrics.jsonl.",
            "A pruned run can no longer be resumed or extended; a new run can start from its model (--model RUN_DIR)."})
final class RunsPruneCommand implements Callable<Integer> {

    private final TrainJob job;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "The run directory.")
    private Path run;

    @Inject
    RunsPruneCommand(TrainJob job) {
        this.job = job;
    }

    @Override
    public Integer call() throws IOException {
        long freed = job.prune(run);
        spec.commandLine().getOut().println(String.format(Locale.ROOT, "pruned %s: %,.1f MB of checkpoints deleted; model: %s",
                run, freed / 1e6, run.resolve("model")));
        return 0;
    }
}
