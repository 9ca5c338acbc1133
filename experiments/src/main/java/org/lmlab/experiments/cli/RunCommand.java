package org.lmlab.experiments.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.lmlab.experiments.file.Experiment;
import org.lmlab.experiments.file.ExperimentFiles;
import org.lmlab.experiments.file.ExperimentResolver;
import org.lmlab.experiments.file.SweepPoint;
import org.lmlab.experiments.file.Sweeps;
import org.lmlab.experiments.run.ExperimentRunner;
import org.lmlab.experiments.run.SweepRun;
import org.lmlab.experiments.run.RunFlags;
import org.lmlab.layers.config.ConfigOverrides.Assignment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lmlab run FILE}: reads an experiment file (its {@code extends:} chain and the
 * {@code --set} edits), resolves and validates all of it (every error at once, exit 2), expands
 * its sweep, then hands each point to the {@link ExperimentRunner}; {@code --check} prints the
 * plan instead and runs nothing, {@code --print-config} prints the resolved file.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run an experiment file: pretrain, fine-tune, evaluate and report.",
            "Without FILE: experiments/configs/quickstart.yaml. --check validates and prints the plan without running."})
final class RunCommand implements Callable<Integer> {

    private final ExperimentResolver resolver;
    private final Sweeps sweeps;
    private final ExperimentRunner runner;

    @Spec
    private CommandSpec spec;

    @Inject
    RunCommand(ExperimentResolver resolver, Sweeps sweeps, ExperimentRunner runner) {
        this.resolver = resolver;
        this.sweeps = sweeps;
        this.runner = runner;
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "The experiment file (default: experiments/configs/quickstart.yaml under the lmlab root).")
    private Path file;

    @Option(names = "--check", description = "Validate, print the resolved config and the plan (stages per model, sweep points); run nothing.")
    private boolean check;

    @Option(names = "--print-config", description = "Print the resolved experiment file (YAML) and run nothing.")
    private boolean printConfig;

    @Option(names = "--fresh", description = "Run every stage again, even where an earlier run folder holds its result.")
    private boolean fresh;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue this run folder, from its experiment.yaml.")
    private Path resume;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = {"Edit the file's tree before it is resolved (repeatable), e.g. --set pretrain.train.steps=50",
                "or --set models.gpt.model.block.attention.heads=8."})
    private List<String> sets = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (resume != null && file != null) {
            throw new IllegalArgumentException("--resume RUN_DIR reads RUN_DIR/" + ExperimentFiles.RUN_FILE + "; give no FILE with it");
        }
        Path chosen = resume != null ? RunFiles.ofRun(resume) : file != null ? file : RunFiles.defaultFile();
        if (!Files.isRegularFile(chosen)) {
            throw new NoSuchFileException(chosen.toString(), null, resume != null ? "not a run folder of lmlab run" : "no such experiment file");
        }
        List<Assignment> assignments = sets.stream().map(Assignment::parse).toList();
        Experiment experiment = resolver.load(chosen, assignments);
        List<SweepPoint> points = sweeps.expand(experiment.resolved(), chosen);
        if (printConfig) {
            out.print(ExperimentFiles.yaml(experiment.resolved()));
            out.flush();
            return 0;
        }
        if (check) {
            out.print(ExperimentFiles.yaml(experiment.resolved()));
            out.println("---");
            out.print(new RunPlan(experiment, points).describe());
            out.println("check: " + ExperimentFiles.label(chosen) + " is valid; nothing was run");
            out.flush();
            return 0;
        }
        RunFlags flags = new RunFlags(fresh, Optional.ofNullable(resume), sets);
        Path run = SweepRun.run(runner, experiment, points, flags, out);
        out.println("done: " + run);
        out.flush();
        return 0;
    }
}
