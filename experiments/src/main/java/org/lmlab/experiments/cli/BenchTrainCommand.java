package org.lmlab.experiments.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import ai.djl.training.GradientCollector;
import jakarta.inject.Inject;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.preset.Presets;
import org.lmlab.models.weights.ModelWeights;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.Tokenizers;
import org.lmlab.training.Objectives;
import org.lmlab.training.data.Example;
import org.lmlab.training.objective.DeviceBatch;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.objective.VocabularyCrossEntropy;
import org.lmlab.training.optim.AdamW;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.run.MemoryEstimate;
import org.lmlab.training.seed.RandomStreams;
import org.lmlab.training.seed.SeededRandom;
import org.lmlab.training.step.StepPhases;
import org.lmlab.training.step.TrainStep;
import org.lmlab.training.step.TrainingFlops;
import org.lmlab.training.text.ModelText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lmlab bench train}: the speed of real training steps (forward, loss, backward,
 * clipping, AdamW) of a preset on random tokens, and in the same run the speed of a plain square
 * matrix product through the same engine, so the two can be compared, with the median time of
 * each phase of a step ({@link StepPhases}; the blocks' forward pass timed on its own). Warm-up steps are not
 * timed; the reported step time is the median. The last line compares the process's peak
 * resident memory with {@link MemoryEstimate} (which also counts a checkpoint's copy, which this
 * benchmark does not make), the numbers its factors were calibrated on.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Training throughput of a preset on random tokens, and a plain matmul in the same run.",
            "Prints: tokens_per_s=<x> step_ms=<y> model_flops_per_s=<z>, then the matmul rate and the ratio."})
final class BenchTrainCommand implements Callable<Integer> {

    private final Models models;
    private final Tokenizers tokenizers;
    private final Objectives objectives;

    @Inject
    BenchTrainCommand(Models models, Tokenizers tokenizers, Objectives objectives) {
        this.models = models;
        this.tokenizers = tokenizers;
        this.objectives = objectives;
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--preset", defaultValue = "gpt2-124m", description = "Model preset (default: ${DEFAULT-VALUE}).")
    private String preset;

    @Option(names = "--objective", defaultValue = "causal-lm", description = "Objective (default: ${DEFAULT-VALUE}).")
    private String objective;

    @Option(names = "--batch", defaultValue = "4", description = "Examples per step (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--context", defaultValue = "64", description = "Tokens per example (default: ${DEFAULT-VALUE}).")
    private int context;

    @Option(names = "--steps", defaultValue = "10", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--matmul-size", defaultValue = "2048", description = "Side of the square matmul (default: ${DEFAULT-VALUE}).")
    private int matmulSize;

    @Option(names = "--compare-loss", description = "Also time steps with the plain cross-entropy of the whole logits and the "
            + "chunked loss at several chunk sizes, alternating in one run (objectives with the default loss only).")
    private boolean compareLoss;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of weights and tokens (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws IOException {
        if (batch < 1 || context < 2 || steps < 1 || warmup < 0 || matmulSize < 1) {
            throw new IllegalArgumentException("--batch and --steps must be positive, --context at least 2, --warmup not negative");
        }
        ModelConfig config = Presets.get(preset);
        if (context > config.contextLength()) {
            throw new IllegalArgumentException("--context " + context + " is longer than " + preset + "'s " + config.contextLength() + " positions");
        }
        Tokenizer tokenizer = tokenizers.resolve(ModelText.tokenizerName(preset, config));
        Objective training = objectives.create(objectives.defaults(objective), tokenizer);
        PrintWriter out = spec.commandLine().getOut();
        double flopsPerToken;
        double stepSeconds;
        double optimizerSeconds;
        StepPhases phases;
        double blocksSeconds;
        long parameters;
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = models.build(config);
            RandomStreams streams = new RandomStreams(seed);
            manager.getEngine().setRandomSeed(streams.initSeed());
            model.initialize(manager);
            training.checkCompatible(model);
            parameters = model.parameterCount();
            flopsPerToken = TrainingFlops.perToken(model, context);
            try (AdamW optimizer = new AdamW(ModelWeights.distinct(model), AdamWConfig.BOOK, manager)) {
                TrainStep step = new TrainStep(model, training, optimizer, 1.0, streams, List.of());
                List<Example> examples = randomExamples(training.exampleTokens(context), tokenizer.vocabSize(), new SeededRandom(seed));
                double[] seconds = new double[steps];
                List<StepPhases> timedPhases = new ArrayList<>();
                PrintWriter err = spec.commandLine().getErr();
                for (int i = 0; i < warmup + steps; i++) {
                    long started = System.nanoTime();
                    step.run(List.of(examples), 1e-4, i);
                    double took = (System.nanoTime() - started) / 1e9;
                    if (i >= warmup) {
                        seconds[i - warmup] = took;
                        timedPhases.add(step.lastPhases());
                    }
                    err.printf(Locale.ROOT, "bench: %s %d/%d  %.0f ms%n", i < warmup ? "warm-up step" : "step",
                            i < warmup ? i + 1 : i - warmup + 1, i < warmup ? warmup : steps, took * 1000);
                    err.flush();
                }
                err.println("bench: timing a " + matmulSize + " x " + matmulSize + " matmul...");
                err.flush();
                stepSeconds = median(seconds);
                phases = medianPhases(timedPhases);
                if (compareLoss) {
                    compareLosses(model, training, optimizer, streams, examples, err);
                }
                blocksSeconds = blocksForwardSeconds(model, training, examples, manager);
                // The optimizer alone, on the gradients the last step left (zeroed, but allocated).
                double[] updates = new double[5];
                for (int i = 0; i < updates.length; i++) {
                    long started = System.nanoTime();
                    optimizer.step(1e-4, 1.0);
                    updates[i] = (System.nanoTime() - started) / 1e9;
                }
                optimizerSeconds = median(updates);
            }
        }
        // AdamW reads weight, gradient and both moments and writes weight and both moments: 7 floats per value.
        double optimizerBytes = 7.0 * Float.BYTES * parameters;
        double copyBytesPerSecond = CopyRate.bytesPerSecond((int) Math.min(parameters, 64L << 20));
        double tokens = (double) batch * context;
        double modelFlops = flopsPerToken * tokens / stepSeconds;
        double matmulFlops = matmulFlopsPerSecond();
        out.println(String.format(Locale.ROOT, "tokens_per_s=%.1f step_ms=%.1f model_flops_per_s=%.4g",
                tokens / stepSeconds, stepSeconds * 1000, modelFlops));
        out.println(String.format(Locale.ROOT, "matmul_flops_per_s=%.4g ratio=%.3f", matmulFlops, modelFlops / matmulFlops));
        out.println(String.format(Locale.ROOT, "optimizer_ms=%.1f optimizer_gb_per_s=%.2f copy_gb_per_s=%.2f optimizer_vs_copy=%.3f",
                optimizerSeconds * 1000, optimizerBytes / optimizerSeconds / 1e9, copyBytesPerSecond / 1e9,
                optimizerBytes / optimizerSeconds / copyBytesPerSecond));
        out.println(String.format(Locale.ROOT, "phases_ms: prepare=%.1f forward_and_loss=%.1f (blocks=%.1f head_and_loss=%.1f) "
                + "backward=%.1f norm=%.1f optimizer=%.1f zero=%.1f", phases.prepare() * 1000, phases.forwardAndLoss() * 1000,
                blocksSeconds * 1000, (phases.forwardAndLoss() - blocksSeconds) * 1000, phases.backward() * 1000,
                phases.norm() * 1000, phases.optimizer() * 1000, phases.zero() * 1000));
        OptionalLong peak = BenchMemory.peakResidentBytes();
        long estimated = MemoryEstimate.of(config, parameters, parameters, batch, context).total();
        out.println(String.format(Locale.ROOT,
                "preset=%s params=%d flops_per_token=%.4g batch=%d context=%d threads=%d peak_rss_mb=%s estimated_mb=%d",
                preset, parameters, flopsPerToken, batch, context, OfflineEngine.nativeThreads(),
                peak.isPresent() ? String.valueOf(peak.getAsLong() / (1024 * 1024)) : "n/a", estimated / (1024 * 1024)));
        return 0;
    }

    /**
     * Steps with each loss variant in turn, {@code steps} rounds after one untimed round, so
     * load on the machine hits every variant alike; prints each variant's median step,
     * forward-and-loss and backward times and its step time over the plain loss's.
     */
    private void compareLosses(LanguageModel model, Objective objective, AdamW optimizer, RandomStreams streams,
            List<Example> examples, PrintWriter err) {
        int rows = VocabularyCrossEntropy.defaultChunkRows(model.config().vocabSize(), model.config().width());
        List<LossVariant> variants = List.of(LossVariant.plain(objective), LossVariant.chunked(objective, Math.max(1, rows / 4)),
                LossVariant.chunked(objective, rows), LossVariant.chunked(objective, rows * 4));
        List<List<StepPhases>> timed = new ArrayList<>();
        List<TrainStep> trainSteps = new ArrayList<>();
        for (LossVariant variant : variants) {
            timed.add(new ArrayList<>());
            trainSteps.add(new TrainStep(model, variant, optimizer, 1.0, streams, List.of()));
        }
        for (int round = 0; round <= steps; round++) {
            for (int v = 0; v < variants.size(); v++) {
                trainSteps.get(v).run(List.of(examples), 1e-4, round);
                if (round > 0) {
                    timed.get(v).add(trainSteps.get(v).lastPhases());
                }
            }
            err.printf(Locale.ROOT, "bench: loss variants, round %d/%d%n", round + 1, steps + 1);
            err.flush();
        }
        double plain = median(timed.get(0).stream().mapToDouble(StepPhases::total).toArray());
        PrintWriter out = spec.commandLine().getOut();
        for (int v = 0; v < variants.size(); v++) {
            double total = median(timed.get(v).stream().mapToDouble(StepPhases::total).toArray());
            out.println(String.format(Locale.ROOT, "loss_variant=%s step_ms=%.1f forward_and_loss_ms=%.1f backward_ms=%.1f speedup_vs_plain=%.2f",
                    variants.get(v).label(), total * 1000, median(timed.get(v), StepPhases::forwardAndLoss) * 1000,
                    median(timed.get(v), StepPhases::backward) * 1000, plain / total));
        }
        out.flush();
    }

    /** Median of each phase over the timed steps. */
    private static StepPhases medianPhases(List<StepPhases> all) {
        return new StepPhases(median(all, StepPhases::prepare), median(all, StepPhases::forwardAndLoss), median(all, StepPhases::backward),
                median(all, StepPhases::norm), median(all, StepPhases::optimizer), median(all, StepPhases::zero));
    }

    private static double median(List<StepPhases> all, ToDoubleFunction<StepPhases> phase) {
        return median(all.stream().mapToDouble(phase).toArray());
    }

    /**
     * The blocks' forward pass alone (embeddings to final norm, recorded for backward as in a
     * step, without the head and loss): median of 3, to split the step's forward-and-loss phase.
     */
    private static double blocksForwardSeconds(LanguageModel model, Objective objective, List<Example> examples, NDManager manager) {
        double[] seconds = new double[3];
        for (int i = 0; i < seconds.length; i++) {
            try (NDManager step = manager.newSubManager()) {
                DeviceBatch batch = objective.prepare(examples, new SeededRandom(i)).toDevice(step);
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    long started = System.nanoTime();
                    model.hidden(batch.input(), true).getFloat(0, 0, 0);
                    seconds[i] = (System.nanoTime() - started) / 1e9;
                }
            }
        }
        return median(seconds);
    }

    private List<Example> randomExamples(int length, int vocabulary, SeededRandom random) {
        List<Example> examples = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            int[] tokens = new int[length];
            for (int t = 0; t < length; t++) {
                tokens[t] = random.nextInt(vocabulary);
            }
            examples.add(Example.of(tokens));
        }
        return examples;
    }

    /** FLOP/s of [n x n] x [n x n] in fp32 through the engine: median of 10 after 3 warm-ups. */
    private double matmulFlopsPerSecond() {
        SeededRandom random = new SeededRandom(seed);
        float[] a = new float[matmulSize * matmulSize];
        float[] b = new float[matmulSize * matmulSize];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble() - 0.5f;
            b[i] = (float) random.nextDouble() - 0.5f;
        }
        double[] seconds = new double[10];
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            NDArray left = manager.create(a, new Shape(matmulSize, matmulSize));
            NDArray right = manager.create(b, new Shape(matmulSize, matmulSize));
            for (int i = 0; i < 3 + seconds.length; i++) {
                long started = System.nanoTime();
                try (NDArray product = left.matMul(right)) {
                    product.getFloat(0, 0);
                }
                if (i >= 3) {
                    seconds[i - 3] = (System.nanoTime() - started) / 1e9;
                }
            }
        }
        return TrainingFlops.squareMatmul(matmulSize) / median(seconds);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
