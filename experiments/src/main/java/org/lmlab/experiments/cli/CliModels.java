package org.lmlab.experiments.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.weights.ModelWeights;
import org.lmlab.training.run.RunDirectory;

/**
 * How commands read {@code --model DIR}: a model directory, or a run directory (meaning its
 * final {@code model/}); loaded weights that hold NaN or infinite values get a warning on
 * stderr, since every score and generation from them is meaningless.
 */
final class CliModels {

    private CliModels() {
    }

    /** A loaded model and the directory it came from (where its tokenizer is). */
    record Loaded(Path directory, LanguageModel model) {
    }

    /**
     * The model directory {@code --model} names.
     *
     * @throws NoSuchFileException if it does not exist, or is a run without a final model yet
     */
    static Path directory(Path given) throws IOException {
        if (!Files.exists(given)) {
            throw new NoSuchFileException(given.toString(), null, "no such model directory");
        }
        RunDirectory run = new RunDirectory(given);
        if (Files.isDirectory(given) && run.holdsRun()) {
            if (!Files.isRegularFile(run.model().resolve(ModelDirectory.WEIGHTS))) {
                throw new NoSuchFileException(run.model().toString(), null, "the run " + given
                        + " has no final model yet; continue it with lmlab train --resume " + given);
            }
            return run.model();
        }
        if (!Files.isDirectory(given)) {
            throw new IllegalArgumentException("--model: " + given + " is a file; give the model directory that holds it");
        }
        return given;
    }

    /** Loads the model {@code --model} names, warning on {@code err} about non-finite weights. */
    static Loaded load(ModelDirectory directories, Path given, NDManager manager, PrintWriter err) throws IOException {
        Path directory = directory(given);
        LanguageModel model = directories.load(directory, manager);
        warnIfNotFinite(model, directory, err);
        return new Loaded(directory, model);
    }

    /** One warning line if any weight is NaN or infinite, naming how many values and the first tensor. */
    static void warnIfNotFinite(LanguageModel model, Path directory, PrintWriter err) {
        long bad = 0;
        String first = null;
        // Every temporary array made in the scope is closed with it.
        try (NDScope scope = new NDScope()) {
            for (Map.Entry<String, Parameter> entry : ModelWeights.distinct(model).entrySet()) {
                NDArray values = entry.getValue().getArray();
                long count = values.isNaN().logicalOr(values.isInfinite()).countNonzero().getLong();
                if (count > 0 && first == null) {
                    first = entry.getKey();
                }
                bad += count;
            }
        }
        if (bad > 0) {
            err.println(String.format(Locale.ROOT, "lmlab: warning: %s holds %,d NaN or infinite weight values (first in %s);"
                    + " its scores and generations are meaningless", directory, bad, first));
            err.flush();
        }
    }
}
