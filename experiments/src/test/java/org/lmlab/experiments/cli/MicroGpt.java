package org.lmlab.experiments.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.preset.Presets;

/** The micro GPT-2-shaped model the command-line tests train: one 16-wide layer, context 16, GPT-2's vocabulary. */
final class MicroGpt {

    private MicroGpt() {
    }

    /** Saves a freshly initialised micro GPT (seed 5, no dropout) as a Hugging Face directory and returns it. */
    static Path save(Path directory) throws IOException {
        return save(directory, 0f);
    }

    /** The same with this dropout (a run's dropout draws from the run's stream, so tests of exact resumes use some). */
    static Path save(Path directory, float dropout) throws IOException {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel micro = Models.standard().build(Presets.gpt2("micro-gpt", 16, 1, 2, 16, true, true, dropout));
            manager.getEngine().setRandomSeed(5);
            micro.initialize(manager);
            ModelDirectory.standard().save(micro, directory);
        }
        return directory;
    }
}
