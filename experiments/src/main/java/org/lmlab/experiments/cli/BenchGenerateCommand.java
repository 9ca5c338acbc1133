package org.lmlab.experiments.cli;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import jakarta.inject.Inject;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.generate.Generator;
import org.lmlab.models.generate.SamplingConfig;
import org.lmlab.models.preset.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lmlab bench generate}: greedy generation speed of a preset (random weights) with and
 * without the KV cache, side by side in one run, and whether both produced the same tokens; the
 * cached rate beside the memory-bandwidth bound (every weight read once per token, at a copy rate
 * measured in the same run); then {@code --prompts} prompts of mixed lengths decoded one at a
 * time and in batches of each {@code --batch-sizes}, as sequences/s and tokens/s, checking every
 * batch gave the one-at-a-time tokens.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generation tokens/s with and without the KV cache, in the same run, beside the memory-bandwidth bound;",
            "then sequences/s of N prompts one at a time and batched."})
final class BenchGenerateCommand implements Callable<Integer> {

    private final Models models;

    @Inject
    BenchGenerateCommand(Models models) {
        this.models = models;
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--preset", defaultValue = "gpt2-124m", description = "Decoder preset (default: ${DEFAULT-VALUE}).")
    private String preset;

    @Option(names = "--new-tokens", defaultValue = "256", description = "Tokens to generate (default: ${DEFAULT-VALUE}).")
    private int newTokens;

    @Option(names = "--prompt-tokens", defaultValue = "16", description = "Length of the random prompt (default: ${DEFAULT-VALUE}).")
    private int promptTokens;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the weights and prompt (default: ${DEFAULT-VALUE}).")
    private int seed;

    @Option(names = "--prompts", defaultValue = "16",
            description = "Prompts of mixed lengths (1/2 to 2 x --prompt-tokens) for the batched rates; 0 skips them (default: ${DEFAULT-VALUE}).")
    private int prompts;

    @Option(names = "--batch-new-tokens", defaultValue = "64", description = "Tokens per prompt in the batched part (default: ${DEFAULT-VALUE}).")
    private int batchNewTokens;

    @Option(names = "--batch-sizes", defaultValue = "1,4,16", split = ",",
            description = "Batch sizes to time (default: ${DEFAULT-VALUE}).")
    private int[] batchSizes;

    @Option(names = "--skip-uncached", description = "Do not time generation without the cache (slow on large presets).")
    private boolean skipUncached;

    @Override
    public Integer call() {
        ModelConfig config = Presets.get(preset);
        if (promptTokens < 1 || newTokens < 1) {
            throw new IllegalArgumentException("--prompt-tokens and --new-tokens must be positive");
        }
        if (prompts < 0 || batchNewTokens < 1) {
            throw new IllegalArgumentException("--prompts must not be negative and --batch-new-tokens must be positive");
        }
        for (int size : batchSizes) {
            if (size < 1) {
                throw new IllegalArgumentException("--batch-sizes: must be positive, got " + size);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = models.build(config);
            manager.getEngine().setRandomSeed(seed);
            model.initialize(manager);
            int[] prompt = new SplittableRandom(seed).ints(promptTokens, 0, config.vocabSize()).toArray();
            Generator generator = new Generator(model, manager);
            SamplingConfig greedy = SamplingConfig.greedy(newTokens);
            generator.generate(prompt, SamplingConfig.greedy(4), true);

            PrintWriter err = spec.commandLine().getErr();
            err.printf(Locale.ROOT, "bench: generating %d tokens with the KV cache...%n", newTokens);
            err.flush();
            long start = System.nanoTime();
            int[] cached = generator.generate(prompt, greedy, true);
            double cachedSeconds = (System.nanoTime() - start) / 1e9;
            double cachedRate = cached.length / cachedSeconds;
            out.printf(Locale.ROOT, "preset=%s threads=%d prompt_tokens=%d new_tokens=%d%n", preset,
                    OfflineEngine.nativeThreads(), promptTokens, newTokens);
            if (!skipUncached) {
                err.printf(Locale.ROOT, "bench: %.1f s; now without the cache (slower)...%n", cachedSeconds);
                err.flush();
                start = System.nanoTime();
                int[] uncached = generator.generate(prompt, greedy, false);
                double uncachedSeconds = (System.nanoTime() - start) / 1e9;
                double uncachedRate = uncached.length / uncachedSeconds;
                out.printf(Locale.ROOT, "cached_tokens_per_s=%.2f uncached_tokens_per_s=%.2f speedup=%.2f identical=%s%n",
                        cachedRate, uncachedRate, cachedRate / uncachedRate, Arrays.equals(cached, uncached));
            } else {
                out.printf(Locale.ROOT, "cached_tokens_per_s=%.2f%n", cachedRate);
            }
            // Decoding one token reads every weight once (the tied matrix once); at the copy rate
            // (bytes read plus written per second) that bounds the cached rate from above.
            long weightBytes = model.parameterCount() * Float.BYTES;
            double copyRate = CopyRate.bytesPerSecond((int) Math.min(model.parameterCount(), 64L << 20));
            double bound = copyRate / weightBytes;
            out.printf(Locale.ROOT, "weight_mb=%.1f copy_gb_per_s=%.2f bandwidth_bound_tokens_per_s=%.2f cached_vs_bound=%.3f%n",
                    weightBytes / 1e6, copyRate / 1e9, bound, cachedRate / bound);
            if (prompts > 0) {
                batched(generator, config, out, err);
            }
        }
        return 0;
    }

    /** Sequences/s and tokens/s of the prompts one at a time, then in batches of each size, same tokens checked. */
    private void batched(Generator generator, ModelConfig config, PrintWriter out, PrintWriter err) {
        SplittableRandom random = new SplittableRandom(seed + 1L);
        int shortest = Math.max(1, promptTokens / 2);
        List<int[]> inputs = new ArrayList<>(prompts);
        for (int i = 0; i < prompts; i++) {
            inputs.add(random.ints(random.nextInt(shortest, 2 * promptTokens + 1), 0, config.vocabSize()).toArray());
        }
        SamplingConfig greedy = SamplingConfig.greedy(batchNewTokens);
        err.printf(Locale.ROOT, "bench: %d prompts of %d to %d tokens, %d new tokens each, one at a time...%n",
                prompts, shortest, 2 * promptTokens, batchNewTokens);
        err.flush();
        long start = System.nanoTime();
        List<int[]> alone = new ArrayList<>(prompts);
        for (int[] input : inputs) {
            alone.add(generator.generate(input, greedy, true));
        }
        double aloneSeconds = (System.nanoTime() - start) / 1e9;
        long tokens = alone.stream().mapToLong(t -> t.length).sum();
        out.printf(Locale.ROOT, "prompts=%d prompt_tokens=%d..%d new_tokens=%d%n", prompts, shortest, 2 * promptTokens, batchNewTokens);
        out.printf(Locale.ROOT, "one_at_a_time sequences_per_s=%.3f tokens_per_s=%.2f%n", prompts / aloneSeconds, tokens / aloneSeconds);
        for (int size : batchSizes) {
            err.printf(Locale.ROOT, "bench: batches of %d...%n", size);
            err.flush();
            // Untimed first: the engine's first pass over new shapes (the batch's prefill) is slow.
            generator.generate(inputs, SamplingConfig.greedy(2), Integer.MAX_VALUE, size);
            long regeneratedBefore = generator.regeneratedRows();
            start = System.nanoTime();
            List<int[]> together = generator.generate(inputs, greedy, Integer.MAX_VALUE, size);
            double seconds = (System.nanoTime() - start) / 1e9;
            boolean identical = true;
            for (int i = 0; i < prompts; i++) {
                identical &= Arrays.equals(alone.get(i), together.get(i));
            }
            out.printf(Locale.ROOT, "batch=%d sequences_per_s=%.3f tokens_per_s=%.2f speedup=%.2f identical=%s regenerated=%d%n",
                    size, prompts / seconds, tokens / seconds, aloneSeconds / seconds, identical,
                    generator.regeneratedRows() - regeneratedBefore);
        }
    }

}
