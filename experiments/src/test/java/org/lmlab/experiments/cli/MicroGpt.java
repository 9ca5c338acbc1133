package org.lmlab.experiments.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.preset.Presets;

/** The micro GPT-2-shaped model the command-line tests train: one 16-wide layer, context 16, no dropout, GPT-2's vocabulary. */
final class MicroGpt {

    private MicroGpt() {
    }

    /** Saves a freshly initialised micro GPT (seed 5) as a Hugging Face directory and returns it. */
    static Path save(Path directory) throws IOException {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel micro = Models.standard().build(Presets.gpt2("micro-gpt", 16, 1, 2, 16, true, true, 0f));
            manager.getEngine().setRandomSeed(5);
            micro.initialize(manager);
            ModelDirectory.standard().save(micro, directory);
        }
        return directory;
    }
}
