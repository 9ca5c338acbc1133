package org.lmlab.experiments.cli;

import org.lmlab.tokenizers.Tokenizers;
import jakarta.inject.Inject;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
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
        description = "Print the continuation of a prompt (greedy by default; sampled with --temperature > 0).")
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

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (a decoder).")
    private Path model;

    @Option(names = "--prompt", required = true, description = "The text to continue.")
    private String prompt;

    @Option(names = "--max-new-tokens", defaultValue = "50", description = "Most tokens to add (default: ${DEFAULT-VALUE}).")
    private int maxNewTokens;

    @Option(names = "--temperature", defaultValue = "0", description = "0 is greedy; higher is more random (default: ${DEFAULT-VALUE}).")
    private float temperature;

    @Option(names = "--top-k", defaultValue = "0", description = "Sample only among the K most likely tokens; 0 is off (default: ${DEFAULT-VALUE}).")
    private int topK;

    @Option(names = "--top-p", defaultValue = "1", description = "Sample only among the most likely tokens whose probability reaches P; 1 is off (default: ${DEFAULT-VALUE}).")
    private float topP;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the sampling (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--no-cache", description = "Recompute the whole sequence at every step instead of using the KV cache (same output, slower).")
    private boolean noCache;

    @Override
    public Integer call() throws IOException {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel loaded = directories.load(model, manager);
            ModelText text = ModelText.forModel(tokenizers, model, loaded);
            int stop = text.tokenizer().specialTokens().id(Role.END_OF_TEXT).orElse(-1);
            SamplingConfig sampling = new SamplingConfig(maxNewTokens, temperature, topK, topP, seed, stop);
            int[] continuation = new Generator(loaded, manager).generate(text.encode(prompt), sampling, !noCache);
            spec.commandLine().getOut().println(text.tokenizer().decode(continuation));
        }
        return 0;
    }
}
