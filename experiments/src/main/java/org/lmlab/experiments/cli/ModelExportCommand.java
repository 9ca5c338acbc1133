package org.lmlab.experiments.cli;

import jakarta.inject.Inject;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.training.text.ModelTokenizer;
import org.lmlab.models.io.ModelDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lmlab model export}: writes a model directory again, in Hugging Face layout
 * ({@code --format hf}: refused, naming the component, when no family can express the model),
 * lmlab's ({@code --format lmlab}), or, by default, Hugging Face's whenever it can express the
 * model. The source's {@code tokenizer.json}, if any, is copied along.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a model directory in Hugging Face layout (config.json + model.safetensors) or lmlab's"
                + " (lmlab-model.json + model.safetensors).")
final class ModelExportCommand implements Callable<Integer> {

    private final ModelDirectory directories;

    @Inject
    ModelExportCommand(ModelDirectory directories) {
        this.directories = directories;
    }

    /** The layouts --format names. */
    enum Format { HF, LMLAB }

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model directory to read.")
    private Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The directory to write (created if needed).")
    private Path out;

    @Option(names = "--format", paramLabel = "hf|lmlab",
            description = "hf: Hugging Face layout or an error naming what it cannot express; lmlab: lmlab's layout."
                    + " Default: Hugging Face layout when a family can express the model, else lmlab's.")
    private Format format;

    @Override
    public Integer call() throws IOException {
        if (out.toAbsolutePath().normalize().equals(model.toAbsolutePath().normalize())
                || Files.exists(out) && Files.exists(model) && Files.isSameFile(out, model)) {
            throw new IllegalArgumentException("--out: " + out + " is the model directory itself; export to another directory");
        }
        Path source = CliModels.directory(model);
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel loaded = CliModels.load(directories, source, manager, spec.commandLine().getErr()).model();
            ModelDirectory.Layout layout;
            if (format == Format.HF) {
                directories.saveHuggingFace(loaded, out);
                layout = ModelDirectory.Layout.HUGGING_FACE;
            } else if (format == Format.LMLAB) {
                directories.saveLmlab(loaded, out);
                layout = ModelDirectory.Layout.LMLAB;
            } else {
                layout = directories.save(loaded, out);
            }
            ModelTokenizer.copy(source, out);
            spec.commandLine().getOut().println("wrote " + out + ": " + (layout == ModelDirectory.Layout.HUGGING_FACE
                    ? "Hugging Face layout (" + ModelDirectory.HF_CONFIG : "lmlab layout (" + ModelDirectory.LMLAB_CONFIG)
                    + " + " + ModelDirectory.WEIGHTS + "), " + String.format(Locale.ROOT, "%,d", loaded.parameterCount())
                    + " parameters");
        }
        return 0;
    }
}
