package org.lmlab.finetune.classify;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.io.ModelDirectory;

/** A separable toy task (the label is told by one keyword anywhere in the text) and micro models saved as directories. */
final class ToyTask {

    private static final String[] FILLER = {"today", "you", "the", "call", "now", "please", "text", "me", "soon", "again"};
    private static final String[] HAM = {"lunch", "meeting", "dinner", "home"};
    private static final String[] SPAM = {"prize", "winner", "cash", "claim"};

    private ToyTask() {
    }

    /** {@code count} lines of {@code label<TAB>text}, ham and spam alternating. */
    static Path write(Path file, int count) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            boolean spam = i % 2 == 1;
            String word = (spam ? SPAM : HAM)[(i / 2) % 4];
            String before = FILLER[i % FILLER.length];
            String after = FILLER[(3 * i + 1) % FILLER.length];
            String text = switch (i % 3) {
                case 0 -> word + " " + before + " " + after;
                case 1 -> before + " " + word + " " + after;
                default -> before + " " + after + " " + word;
            };
            out.append(spam ? "spam" : "ham").append('\t').append(text).append('\n');
        }
        Files.writeString(file, out.toString());
        return file;
    }

    /** A model of this config, initialised with {@code seed}, saved into {@code directory}. */
    static Path save(ModelConfig config, Path directory, int seed) throws IOException {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = Models.standard().build(config);
            manager.getEngine().setRandomSeed(seed);
            model.initialize(manager);
            ModelDirectory.standard().save(model, directory);
        }
        return directory;
    }
}
