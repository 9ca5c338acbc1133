package org.lmlab.training.model;

import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.preset.Presets;
import org.lmlab.training.run.RunDirectory;

/**
 * Where a model comes from, named the same way everywhere ({@code --model}, experiment files):
 * a preset name ({@code gpt-small}), a model directory (Hugging Face or lmlab layout), or a
 * run directory, whose final {@code model/} it means.
 */
public final class ModelSources {

    private final ModelDirectory directories;

    @Inject
    public ModelSources(ModelDirectory directories) {
        this.directories = directories;
    }

    /** The model directory a source names, or empty for a preset (which has no weights). */
    public Optional<Path> directory(String source) throws IOException {
        Path path = Path.of(source);
        if (Files.isDirectory(path)) {
            RunDirectory run = new RunDirectory(path);
            if (!run.holdsRun()) {
                return Optional.of(path);
            }
            if (!Files.isDirectory(run.model())) {
                throw new NoSuchFileException(run.model().toString(), null,
                        "the run has no final model yet; resume it (lmlab train --resume " + path + ") or name a checkpoint's model");
            }
            return Optional.of(run.model());
        }
        if (source.contains("/") || source.contains(File.separator)) {
            throw new NoSuchFileException(source, null, "no such model directory");
        }
        return Optional.empty();
    }

    /** The config of the model a source names. */
    public ModelConfig config(String source) throws IOException {
        Optional<Path> directory = directory(source);
        return directory.isPresent() ? directories.readConfig(directory.get()) : Presets.get(source);
    }
}
