package org.lmlab.experiments.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lmlab.layers.attention.AttentionConfig;
import org.lmlab.layers.block.BlockConfig;
import ai.djl.ndarray.NDManager;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.Models;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.head.NoHead;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.preset.Presets;
import org.lmlab.models.safetensors.SafetensorsFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lmlab model info}: a model's shape and exact parameter count, for one preset, one
 * model directory, or (without options) a table of every preset. Counts come from the parameter
 * shapes, and for a directory the weights file's header gives how many tensors and values it
 * holds; a directory's weights are then loaded, which checks every tensor against the config,
 * and NaN or infinite values are warned about.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print a model's configuration and parameter count (all presets when no option is given).")
final class ModelInfoCommand implements Callable<Integer> {

    private final ModelDirectory directories;
    private final Models models;

    @Inject
    ModelInfoCommand(ModelDirectory directories, Models models) {
        this.directories = directories;
        this.models = models;
    }

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true)
    private Source source;

    static final class Source {
        @Option(names = "--preset", paramLabel = "NAME", description = "A preset name.")
        String preset;

        @Option(names = "--model", paramLabel = "DIR", description = "A model directory, or a run directory (its model/);"
                + " its weights are loaded and checked against its config.")
        Path directory;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
                if (source == null) {
            out.printf(Locale.ROOT, "%-16s %-8s %6s %6s %6s %8s %7s %15s%n",
                    "preset", "stack", "layers", "width", "heads", "context", "vocab", "parameters");
            for (Map.Entry<String, ModelConfig> entry : Presets.all().entrySet()) {
                ModelConfig config = entry.getValue();
                out.printf(Locale.ROOT, "%-16s %-8s %6d %6d %6d %8d %7d %,15d%n", entry.getKey(), config.stack(),
                        config.layers(), config.width(), config.block().attention().heads(), config.contextLength(),
                        config.vocabSize(), models.build(config).parameterCount());
            }
            return 0;
        }
        Path directory = source.directory != null ? CliModels.directory(source.directory) : null;
        ModelConfig config = source.preset != null ? Presets.get(source.preset) : directories.readConfig(directory);
        describe(out, config, models.build(config).parameterCount());
        if (directory != null) {
            describeFile(out, directory.resolve(ModelDirectory.WEIGHTS));
            // Loading checks every tensor's name and shape against the config (a mismatch is an error naming it).
            try (NDManager manager = OfflineEngine.get().newBaseManager()) {
                CliModels.load(directories, directory, manager, spec.commandLine().getErr());
            }
            out.println("weights: every tensor matches the config");
        }
        return 0;
    }

    /** What the weights file holds, from its header alone (buffers such as position ids included). */
    private static void describeFile(PrintWriter out, Path weights) throws IOException {
        try (SafetensorsFile file = SafetensorsFile.open(weights)) {
            long values = 0;
            for (String name : file.names()) {
                values += file.info(name).elementCount();
            }
            out.printf(Locale.ROOT, "file: %s, %d tensors, %,d values%n", weights.getFileName(), file.names().size(), values);
        }
    }

    private static void describe(PrintWriter out, ModelConfig config, long parameters) {
        BlockConfig block = config.block();
        AttentionConfig attention = block.attention();
        out.printf(Locale.ROOT, "name: %s%n", config.name());
        out.printf(Locale.ROOT, "stack: %s, %d layers, width %d, context %d, vocabulary %d%s%n", config.stack(),
                config.layers(), config.width(), config.contextLength(), config.vocabSize(),
                config.typeVocabSize() > 0 ? ", " + config.typeVocabSize() + " token types" : "");
        out.printf(Locale.ROOT, "attention: %s, %d heads, %d key/value heads%s, qkv bias %s%n", attention.type(),
                attention.heads(), attention.kvHeads(), attention.window() > 0 ? ", window " + attention.window() : "",
                attention.qkvBias() ? "yes" : "no");
        out.printf(Locale.ROOT, "positions: %s; norm: %s (%s, eps %s); feed-forward: %s, hidden %d%n",
                config.positions().type(), block.norm().type(), block.placement().name().toLowerCase(Locale.ROOT),
                block.norm().eps(), block.feedForward().type(), block.feedForward().hidden());
        out.printf(Locale.ROOT, "head: %s%s%s%s%n", config.head().type(),
                config.head().type().equals(NoHead.TYPE) ? " (outputs the final hidden states)" : "",
                config.head().tied() ? " (tied to the token embedding)" : "",
                config.head().classes() > 0 ? ", " + config.head().classes() + " classes" : "");
        if (config.pooler()) {
            out.printf(Locale.ROOT, "pooler: dense + tanh on the %s token%n", config.stack().equals("decoder") ? "last" : "first");
        }
        out.printf(Locale.ROOT, "parameters: %,d%n", parameters);
    }
}
