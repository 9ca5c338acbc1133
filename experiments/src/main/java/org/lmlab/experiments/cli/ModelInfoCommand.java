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
 * model directory, or (without options) a table of every preset. Nothing is allocated: counts
 * come from the parameter shapes, and for a directory the weights file's header gives how many
 * tensors and values it holds.
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

        @Option(names = "--model", paramLabel = "DIR", description = "A model directory.")
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
        ModelConfig config = source.preset != null ? Presets.get(source.preset)
                : directories.readConfig(source.directory);
        describe(out, config, models.build(config).parameterCount());
        if (source.directory != null) {
            describeFile(out, source.directory.resolve(ModelDirectory.WEIGHTS));
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
