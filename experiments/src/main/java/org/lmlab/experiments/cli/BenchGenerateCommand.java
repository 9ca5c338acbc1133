package org.lmlab.experiments.cli;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.util.Arrays;
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
 * without the KV cache, side by side in one run, and whether both produced the same tokens.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generation tokens/s with and without the KV cache, in the same run.")
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

    @Override
    public Integer call() {
        ModelConfig config = Presets.get(preset);
        if (promptTokens < 1 || newTokens < 1) {
            throw new IllegalArgumentException("--prompt-tokens and --new-tokens must be positive");
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
            err.printf(Locale.ROOT, "bench: %.1f s; now without the cache (slower)...%n", cachedSeconds);
            err.flush();
            start = System.nanoTime();
            int[] uncached = generator.generate(prompt, greedy, false);
            double uncachedSeconds = (System.nanoTime() - start) / 1e9;

            double cachedRate = cached.length / cachedSeconds;
            double uncachedRate = uncached.length / uncachedSeconds;
            out.printf(Locale.ROOT, "preset=%s threads=%d prompt_tokens=%d new_tokens=%d%n", preset,
                    OfflineEngine.nativeThreads(), promptTokens, newTokens);
            out.printf(Locale.ROOT, "cached_tokens_per_s=%.2f uncached_tokens_per_s=%.2f speedup=%.2f identical=%s%n",
                    cachedRate, uncachedRate, cachedRate / uncachedRate, Arrays.equals(cached, uncached));
        }
        return 0;
    }
}
