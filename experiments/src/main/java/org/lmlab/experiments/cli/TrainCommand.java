package org.lmlab.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import org.lmlab.layers.config.ConfigOverrides;
import org.lmlab.training.Objectives;
import org.lmlab.training.data.CorpusSourceConfig;
import org.lmlab.training.data.DataSourceConfig;
import java.util.concurrent.Callable;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.training.TrainConfig;
import org.lmlab.training.metrics.ProgressReporter;
import org.lmlab.training.objective.MaskedLmConfig;
import org.lmlab.training.objective.ObjectiveConfig;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;
import org.lmlab.training.run.RunDirectory;
import org.lmlab.training.run.RunOptions;
import org.lmlab.training.run.TrainJob;
import org.lmlab.training.run.TrainJobConfig;
import org.lmlab.training.text.ModelText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lmlab train}: pretrains a model with a causal or masked objective into a run directory,
 * or resumes one. Without options it is the book's chapter-5 run: its GPT-2 124M (no QKV bias,
 * untied output, PyTorch's init, context 256) on the-verdict,
 * causal LM, 10 epochs of batch 2 at context 256, AdamW at a constant 4e-4 with weight decay 0.1,
 * validation every 5 steps, seed 123.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Pretrain a model with a causal or masked objective into a run directory, or resume one.",
            "Without options: the book's chapter-5 run (gpt2-124m-ch5 on data/the-verdict.txt, 10 epochs, batch 2, "
                + "context 256, AdamW 4e-4, weight decay 0.1)."})
final class TrainCommand implements Callable<Integer> {

    private final TrainJob job;
    private final Objectives objectives;

    @Spec
    private CommandSpec spec;

    @Inject
    TrainCommand(TrainJob job, Objectives objectives) {
        this.job = job;
        this.objectives = objectives;
    }

    @Option(names = "--model", defaultValue = "gpt2-124m-ch5", paramLabel = "PRESET|DIR",
            description = "Model preset, or a model directory to continue from (default: ${DEFAULT-VALUE}).")
    private String model;

    @Option(names = "--objective", defaultValue = "causal-lm",
            description = "A registered objective: causal-lm, masked-lm or a plugin's (default: ${DEFAULT-VALUE}).")
    private String objective;

    @Option(names = "--data", paramLabel = "FILE", description = "UTF-8 corpus (default: data/the-verdict.txt).")
    private Path data;

    @Option(names = "--tokenizer", paramLabel = "NAME|PATH",
            description = "Tokenizer (default: the model directory's tokenizer.json, else gpt2 or bert-base-uncased by vocabulary size).")
    private String tokenizer;

    @Option(names = "--steps", defaultValue = "0", description = "Optimizer steps; 0 runs --epochs instead (default: ${DEFAULT-VALUE}).")
    private long steps;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs when --steps is 0 (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch", defaultValue = "2", description = "Examples per micro-batch (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--accumulation", defaultValue = "1", description = "Micro-batches per optimizer step (default: ${DEFAULT-VALUE}).")
    private int accumulation;

    @Option(names = "--context", defaultValue = "0", description = "Tokens per example; 0 is the model's context (default: ${DEFAULT-VALUE}).")
    private int context;

    @Option(names = "--stride", defaultValue = "0", description = "Tokens between window starts; 0 is the objective's (default: ${DEFAULT-VALUE}).")
    private int stride;

    @Option(names = "--lr", defaultValue = "4e-4", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    private double lr;

    @Option(names = "--warmup-steps", defaultValue = "0", description = "Linear warm-up steps (default: ${DEFAULT-VALUE}).")
    private int warmupSteps;

    @Option(names = "--lr-floor", description = "Rate the cosine decays to (default: --lr, a constant rate).")
    private Double lrFloor;

    @Option(names = "--weight-decay", defaultValue = "0.1", description = "AdamW decay of matrices (default: ${DEFAULT-VALUE}).")
    private double weightDecay;

    @Option(names = "--clip-norm", defaultValue = "0", description = "Global gradient norm limit; 0 is off (default: ${DEFAULT-VALUE}).")
    private double clipNorm;

    @Option(names = "--val-fraction", defaultValue = "0.1", description = "Share of the corpus held out (default: ${DEFAULT-VALUE}).")
    private double validationFraction;

    @Option(names = "--eval-every", paramLabel = "N",
            description = "Steps between validations; 0 only at the end (default: about 20 per run, every ceil(steps/20): 5 of the book's 90).")
    private Integer evalEvery;

    @Option(names = "--eval-batches", defaultValue = "5", description = "Validation batches per evaluation; 0 is all (default: ${DEFAULT-VALUE}).")
    private int evalBatches;

    @Option(names = "--checkpoint-every", defaultValue = "0",
            description = "Steps between checkpoints, besides the timed ones and the one at the end; 0 is none (default: ${DEFAULT-VALUE}).")
    private int checkpointEvery;

    @Option(names = "--checkpoint-minutes", paramLabel = "M",
            description = "Minutes of training between checkpoints; 0 is none (default: 10, or what the run recorded on --resume)."
                    + " Ctrl-C or SIGTERM also checkpoints, after the current step.")
    private Double checkpointMinutes;

    @Option(names = "--keep-checkpoints", defaultValue = "2", description = "Newest checkpoints kept (default: ${DEFAULT-VALUE}).")
    private int keepCheckpoints;

    @Option(names = "--log-every", defaultValue = "10", description = "Steps between progress lines off a terminal (default: ${DEFAULT-VALUE}; with --resume, what the run recorded).")
    private int logEvery;

    @Option(names = "--seed", defaultValue = "123", description = "Master seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--whole-word", description = "masked-lm: mask all pieces of a word together.")
    private boolean wholeWord;

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "Run directory (default: runs/<corpus>-<time>).")
    private Path out;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = {"Edit the resolved run config before it is validated and saved (repeatable), e.g.",
                "--set model.block.attention.type=grouped-query --set model.block.attention.kv_heads=2;",
                "paths as in the run's train.json (model., data., objective., train.)."})
    private List<String> sets = new ArrayList<>();

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = {"Continue this run from its newest checkpoint, with its saved settings.",
                "With --steps N: train N more steps (also after the run finished), at the rate the run ended with,"
                    + " or at --lr with --warmup-steps and --lr-floor over those N steps."})
    private Path resume;

    /** Options --resume takes: an extension's length and rates, the checkpoint interval, the progress interval, plugins. */
    private static final List<String> RESUME_OPTIONS = List.of("--resume", "--steps", "--lr", "--warmup-steps", "--lr-floor",
            "--checkpoint-minutes", "--log-every", "--plugin");

    /** The config fields this command fills from its options, for errors that name the flag typed. */
    private static final FlagNames FLAGS = new FlagNames(java.util.Map.ofEntries(
            java.util.Map.entry("batch", "--batch"), java.util.Map.entry("accumulation", "--accumulation"),
            java.util.Map.entry("steps", "--steps"), java.util.Map.entry("epochs", "--epochs"),
            java.util.Map.entry("clip_norm", "--clip-norm"), java.util.Map.entry("eval_every", "--eval-every"),
            java.util.Map.entry("eval_batches", "--eval-batches"), java.util.Map.entry("checkpoint_every", "--checkpoint-every"),
            java.util.Map.entry("keep_checkpoints", "--keep-checkpoints"), java.util.Map.entry("log_every", "--log-every"),
            java.util.Map.entry("lr", "--lr"), java.util.Map.entry("warmup_steps", "--warmup-steps"),
            java.util.Map.entry("lr_floor", "--lr-floor"), java.util.Map.entry("context", "--context"),
            java.util.Map.entry("data.validation_fraction", "--val-fraction"), java.util.Map.entry("data.stride", "--stride"),
            java.util.Map.entry("optimizer.weight_decay", "--weight-decay"),
            java.util.Map.entry("checkpoint_minutes", "--checkpoint-minutes")));

    /**
     * Trains or resumes; the progress reporter prints {@code run: DIR} once everything is checked,
     * the memory estimate, the progress, the {@code done:} line and {@code model: DIR}. A stop (Ctrl-C) and a
     * divergence reach {@link CliErrors}, which prints how to go on.
     */
    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (logEvery < 1) {
            throw new IllegalArgumentException("--log-every: must be positive, got " + logEvery);
        }
        ProgressReporter progress = ProgressReporter.forConsole(stdout, resume != null && !matched().contains("--log-every")
                ? recordedLogEvery(resume) : logEvery);
        try {
            if (resume != null) {
                job.resume(resume, List.of(progress), resumeOptions());
            } else {
                TrainJobConfig config = config();
                Path run = out != null ? out : defaultRunDirectory(config.data());
                job.start(config, run, List.of(progress), options());
            }
        } catch (IllegalArgumentException invalid) {
            throw FLAGS.rename(invalid);
        } finally {
            stdout.flush();
        }
        return 0;
    }

    /**
     * The {@code log_every} a run recorded in its train.json, so a resume prints progress as the
     * run did; the default where the run cannot be read (the resume then says why).
     */
    private int recordedLogEvery(Path runDirectory) {
        Path config = new RunDirectory(runDirectory).config();
        if (!Files.isRegularFile(config)) {
            return logEvery;
        }
        try {
            return job.files().read(config).train().logEvery();
        } catch (IOException | RuntimeException unreadable) {
            return logEvery;
        }
    }

    private RunOptions options() {
        RunOptions options = RunOptions.defaults();
        return checkpointMinutes != null ? options.withCheckpointMinutes(checkpointMinutes) : options;
    }

    /** --resume uses the saved settings; only an extension, the checkpoint interval and plugins may be given. */
    private RunOptions resumeOptions() {
        List<String> others = matched().stream().filter(name -> !RESUME_OPTIONS.contains(name)).toList();
        if (!others.isEmpty()) {
            throw new IllegalArgumentException("--resume continues a run with its saved settings and takes no other options (got "
                    + String.join(", ", others) + "; it takes " + String.join(", ", RESUME_OPTIONS.subList(1, RESUME_OPTIONS.size()))
                    + ")");
        }
        boolean extending = matched().contains("--steps");
        boolean rates = matched().stream().anyMatch(name -> List.of("--lr", "--warmup-steps", "--lr-floor").contains(name));
        if (rates && !extending) {
            throw new IllegalArgumentException("--lr, --warmup-steps and --lr-floor with --resume set the rates of more steps:"
                    + " give --steps N too");
        }
        RunOptions options = options();
        if (extending) {
            if (steps < 1) {
                throw new IllegalArgumentException("--steps: with --resume, the number of steps to add; must be positive, got " + steps);
            }
            options = options.extendedBy(steps, rates ? new ScheduleConfig(lr, warmupSteps, lrFloor != null ? lrFloor : lr) : null);
        }
        return options;
    }

    private List<String> matched() {
        return spec.commandLine().getParseResult().matchedOptions().stream().map(OptionSpec::longestName).toList();
    }

    private TrainJobConfig config() throws IOException {
        ModelConfig modelConfig = job.resolveModel(model);
        Path corpus = (data != null ? data : TrainDefaults.bookCorpus()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(corpus)) {
            throw new java.nio.file.NoSuchFileException(corpus.toString(), null, "no such corpus file");
        }
        String tokenizerName = tokenizer != null ? tokenizer : ModelText.tokenizerName(model, modelConfig);
        TrainConfig train = new TrainConfig(batch, accumulation, steps, epochs, clipNorm,
                evalEvery != null ? evalEvery : TrainConfig.EVAL_AUTO, evalBatches,
                checkpointEvery, keepCheckpoints, logEvery, seed,
                AdamWConfig.BOOK.withWeightDecay(weightDecay),
                new ScheduleConfig(lr, warmupSteps, lrFloor != null ? lrFloor : lr));
        ObjectiveConfig objectiveConfig = objectives.defaults(objective);
        if (wholeWord) {
            if (!(objectiveConfig instanceof MaskedLmConfig masked)) {
                throw new IllegalArgumentException("--whole-word: only masked-lm masks words, the objective is " + objective);
            }
            objectiveConfig = masked.withWholeWord(true);
        }
        TrainJobConfig config = new TrainJobConfig(model, modelConfig, List.of(), tokenizerName,
                CorpusSourceConfig.of(corpus.toString(), validationFraction, stride), null, context, objectiveConfig, train);
        return sets.isEmpty() ? config : edited(config);
    }

    /** The config with every {@code --set} applied to its tree, validated like a train.json. */
    private TrainJobConfig edited(TrainJobConfig config) {
        List<ConfigOverrides.Assignment> assignments = sets.stream().map(ConfigOverrides.Assignment::parse).toList();
        ObjectNode tree = ConfigOverrides.apply(job.files().tree(config), assignments);
        return job.files().bind(tree, "--set");
    }

    private static Path defaultRunDirectory(DataSourceConfig data) {
        return Path.of("runs", data.shortName() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
