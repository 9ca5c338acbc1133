package org.lmlab.experiments.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lmlab.finetune.instruct.InstructJob;
import org.lmlab.finetune.instruct.InstructSettings;
import org.lmlab.finetune.lora.LoraConfig;
import org.lmlab.finetune.lora.Lora;
import org.lmlab.training.TrainConfig;
import org.lmlab.training.TrainingDivergedException;
import org.lmlab.training.metrics.ProgressReporter;
import org.lmlab.training.model.ModelEditConfig;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lmlab finetune instruct}: the book's chapter 7 on any decoder. Trains on the
 * instruction records' training split (optionally only LoRA adapters), then answers every
 * test record into {@code RUN_DIR/instruction-data-with-response.json} and writes
 * {@code summary.json} with the parameter counts and the losses before and after training.
 */
@Command(name = "instruct", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Instruction fine-tuning (the book's chapter 7): train on Alpaca-style records, then answer the test split.",
            "Defaults are the book's: alpaca format, 2 epochs, batch 8, AdamW 5e-5 with weight decay 0.1, 256 new tokens."})
final class FinetuneInstructCommand implements Callable<Integer> {

    private final InstructJob job;

    @Spec
    private CommandSpec spec;

    @Inject
    FinetuneInstructCommand(InstructJob job) {
        this.job = job;
    }

    @Option(names = "--model", required = true, paramLabel = "SRC", description = "A decoder: preset, model directory or run directory.")
    private String model;

    @Option(names = "--data", paramLabel = "FILE", description = "Instruction records, JSON array or JSONL (default: data/instruction-data.json).")
    private Path data;

    @Option(names = "--format", defaultValue = "alpaca", description = "Prompt format: alpaca, phi3 or a plugin's (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--mask-prompt", description = "Compute the loss on the response tokens only.")
    private boolean maskPrompt;

    @Option(names = "--max-length", defaultValue = "0", paramLabel = "T",
            description = "Cut batches to T tokens; 0 is the model's context (default: ${DEFAULT-VALUE}).")
    private int maxLength;

    @Option(names = "--epochs", defaultValue = "2", description = "Epochs over the training split (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--steps", defaultValue = "0", description = "Optimizer steps; 0 runs --epochs instead (default: ${DEFAULT-VALUE}).")
    private long steps;

    @Option(names = "--lr", defaultValue = "5e-5", description = "Learning rate, constant (default: ${DEFAULT-VALUE}).")
    private double lr;

    @Option(names = "--weight-decay", defaultValue = "0.1", description = "AdamW decay of matrices (default: ${DEFAULT-VALUE}).")
    private double weightDecay;

    @Option(names = "--batch", defaultValue = "8", description = "Records per batch (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--seed", defaultValue = "123", description = "Training seed: init of new parameters, data order (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--split-seed", defaultValue = "123", description = "Seed of the 85/10/5 split (default: ${DEFAULT-VALUE}).")
    private long splitSeed;

    @Option(names = "--lora-rank", defaultValue = "0", paramLabel = "R", description = "Train LoRA adapters of rank R only; 0 trains every weight (default: ${DEFAULT-VALUE}).")
    private int loraRank;

    @Option(names = "--lora-alpha", paramLabel = "A", description = "LoRA scaling alpha; adapters are scaled by alpha/rank (default: the rank).")
    private Double loraAlpha;

    @Option(names = "--lora-targets", split = ",", paramLabel = "PREFIX",
            description = "Linear layers to adapt, by dotted-name prefix (e.g. blocks.11,head); default: every linear layer.")
    private List<String> loraTargets = new ArrayList<>();

    @Option(names = "--max-new-tokens", defaultValue = "256", description = "Longest response generated per test record (default: ${DEFAULT-VALUE}).")
    private int maxNewTokens;

    @Option(names = "--eval-every", defaultValue = "5", description = "Steps between evaluations (default: ${DEFAULT-VALUE}).")
    private int evalEvery;

    @Option(names = "--eval-batches", defaultValue = "5", description = "Batches per evaluation, for train and validation; 0 is all (default: ${DEFAULT-VALUE}).")
    private int evalBatches;

    @Option(names = "--log-every", defaultValue = "10", description = "Steps between progress lines off a terminal (default: ${DEFAULT-VALUE}).")
    private int logEvery;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "Run directory (new or empty).")
    private Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        InstructJob.Plan plan = job.plan(settings());
        InstructJob.ParameterCount count = plan.parameters();
        // The progress reporter prints where the run and its model are ("run:", "model:").
        stdout.println(String.format(Locale.ROOT, "parameters: %,d%s; trainable: %,d", count.base(),
                count.adapters() > 0 ? String.format(Locale.ROOT, " + %,d LoRA adapter values", count.adapters()) : "",
                count.trainable()));
        try {
            InstructJob.Result result = job.run(plan, out, List.of(ProgressReporter.forConsole(stdout, logEvery)));
            stdout.println(String.format(Locale.ROOT, "loss before training (step 0): train %.4f, validation %.4f",
                    result.before().train(), result.before().validation()));
            stdout.println(String.format(Locale.ROOT, "loss after training (step %d): train %.4f, validation %.4f",
                    result.after().step(), result.after().train(), result.after().validation()));
            stdout.println("responses: " + result.responses() + " (" + result.testRecords() + " test records)");
            stdout.println("summary: " + result.summary());
            stdout.flush();
            return 0;
        } catch (TrainingDivergedException diverged) {
            stdout.flush();
            spec.commandLine().getErr().println("lmlab: " + diverged.getMessage());
            return CliErrors.INTERNAL;
        }
    }

    private InstructSettings settings() {
        if (logEvery < 1) {
            throw new IllegalArgumentException("--log-every: must be positive, got " + logEvery);
        }
        List<ModelEditConfig> edits = new ArrayList<>();
        if (loraRank > 0) {
            edits.add(new LoraConfig(Lora.NAME, loraRank, loraAlpha != null ? loraAlpha : loraRank, loraTargets));
        } else if (loraRank < 0) {
            throw new IllegalArgumentException("--lora-rank: must be 0 (no LoRA) or positive, got " + loraRank);
        } else if (loraAlpha != null || !loraTargets.isEmpty()) {
            throw new IllegalArgumentException("--lora-alpha and --lora-targets need --lora-rank");
        }
        TrainConfig train = new TrainConfig(batch, 1, steps, epochs, 0, evalEvery, evalBatches, 0, 1, logEvery, seed,
                AdamWConfig.BOOK.withWeightDecay(weightDecay), ScheduleConfig.constant(lr));
        Path records = data != null ? data : Path.of(System.getProperty("lmlab.root", "."), "data", "instruction-data.json");
        return new InstructSettings(model, records, format, splitSeed, maskPrompt, maxLength, edits, train, maxNewTokens);
    }
}
