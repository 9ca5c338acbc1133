package org.lmlab.experiments.cli;

import org.lmlab.tokenizers.Tokenizers;
import jakarta.inject.Inject;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.generate.Generator;
import org.lmlab.models.generate.SamplingConfig;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.tokenizers.SpecialTokens.Role;
import org.lmlab.training.text.ModelText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lmlab generate}: continue a prompt with a decoder, greedy or sampled, with the KV cache. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Print the continuation of a prompt (greedy by default; sampled with --temperature > 0).",
            "Sampling without --seed draws a seed and prints it on stderr, so the sample can be repeated."})
final class GenerateCommand implements Callable<Integer> {

    private final ModelDirectory directories;
    private final Tokenizers tokenizers;

    @Inject
    GenerateCommand(ModelDirectory directories, Tokenizers tokenizers) {
        this.directories = directories;
        this.tokenizers = tokenizers;
    }

    @Spec
    private CommandSpec spec;

    /** The most tokens one command generates: far beyond any context here, and a few MB of ids. */
    static final int MAX_NEW_TOKENS = 1_000_000;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (a decoder), or a run directory (its model/).")
    private Path model;

    @Option(names = "--prompt", required = true, description = "The text to continue.")
    private String prompt;

    @Option(names = "--max-new-tokens", defaultValue = "50",
            description = "Most tokens to add, at most 1000000 (default: ${DEFAULT-VALUE}).")
    private int maxNewTokens;

    @Option(names = "--temperature", defaultValue = "0", description = "0 is greedy; higher is more random (default: ${DEFAULT-VALUE}).")
    private float temperature;

    @Option(names = "--top-k", defaultValue = "0", description = "Sample only among the K most likely tokens; 0 is off (default: ${DEFAULT-VALUE}).")
    private int topK;

    @Option(names = "--top-p", defaultValue = "1", description = "Sample only among the most likely tokens whose probability reaches P; 1 is off (default: ${DEFAULT-VALUE}).")
    private float topP;

    @Option(names = "--seed", description = "Seed of the sampling (default: a random one, printed on stderr).")
    private Long seed;

    @Option(names = "--echo", description = "Print the prompt before the continuation.")
    private boolean echo;

    @Option(names = "--no-cache", description = "Recompute the whole sequence at every step instead of using the KV cache (same output, slower).")
    private boolean noCache;

    @Override
    public Integer call() throws IOException {
        if (maxNewTokens < 0 || maxNewTokens > MAX_NEW_TOKENS) {
            throw new IllegalArgumentException("--max-new-tokens: must be between 0 and " + MAX_NEW_TOKENS + ", got " + maxNewTokens);
        }
        if (!(temperature >= 0) || !Float.isFinite(temperature)) {
            throw new IllegalArgumentException("--temperature: must be 0 (greedy) or positive, got " + temperature);
        }
        if (temperature == 0 && (topK != 0 || topP != 1)) {
            throw new IllegalArgumentException((topK != 0 ? "--top-k" : "--top-p") + " only shapes sampling, and temperature 0"
                    + " is greedy; give --temperature > 0 too (e.g. --temperature 0.8)");
        }
        if (topK < 0) {
            throw new IllegalArgumentException("--top-k: must be 0 (off) or positive, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("--top-p: must be in (0, 1], got " + topP);
        }
        long sampleSeed = seed != null ? seed : 0;
        if (seed == null && temperature > 0) {
            sampleSeed = ThreadLocalRandom.current().nextLong();
            spec.commandLine().getErr().println("seed: " + sampleSeed + " (--seed " + sampleSeed + " repeats this sample)");
            spec.commandLine().getErr().flush();
        }
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            CliModels.Loaded loaded = CliModels.load(directories, model, manager, spec.commandLine().getErr());
            ModelText text = ModelText.forModel(tokenizers, loaded.directory(), loaded.model());
            int stop = text.tokenizer().specialTokens().id(Role.END_OF_TEXT).orElse(-1);
            SamplingConfig sampling = new SamplingConfig(maxNewTokens, temperature, topK, topP, sampleSeed, stop);
            int[] continuation = new Generator(loaded.model(), manager).generate(text.encode(prompt), sampling, !noCache,
                    text.tokenizer().vocabSize());
            spec.commandLine().getOut().println((echo ? prompt : "") + text.tokenizer().decode(continuation));
        }
        return 0;
    }
}
