package org.lmlab.experiments.cli;

import ai.djl.ndarray.NDManager;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lmlab.finetune.classify.Classifier;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.tokenizers.Tokenizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lmlab classify}: a fine-tuned classifier's label and its probability for each text. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Print label<TAB>probability for each text, read one per line from standard input (or given with --text),",
            "with a classifier lmlab finetune classify saved (RUN_DIR/model, with its labels.json)."})
final class ClassifyCommand implements Callable<Integer> {

    private final ModelDirectory directories;
    private final Tokenizers tokenizers;

    @Spec
    private CommandSpec spec;

    @Inject
    ClassifyCommand(ModelDirectory directories, Tokenizers tokenizers) {
        this.directories = directories;
        this.tokenizers = tokenizers;
    }

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A fine-tuned classifier's model directory.")
    private Path model;

    @Option(names = "--text", paramLabel = "TEXT", description = "A text to classify (repeatable); without it, each line of standard input is a text.")
    private List<String> texts;

    @Option(names = "--batch", defaultValue = "16", paramLabel = "N", description = "Texts per forward pass (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Override
    public Integer call() throws IOException {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch: must be at least 1, got " + batch);
        }
        List<String> inputs = texts != null ? texts : stdinLines();
        PrintWriter out = spec.commandLine().getOut();
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            Classifier classifier = Classifier.load(model, directories, tokenizers, manager);
            for (Classifier.Prediction prediction : classifier.classify(inputs, batch)) {
                out.println(prediction.label() + "\t" + String.format(Locale.ROOT, "%.4f", prediction.probability()));
            }
        }
        out.flush();
        return 0;
    }

    private static List<String> stdinLines() throws IOException {
        List<String> lines = new ArrayList<>();
        TokenizeLines reader = new TokenizeLines(System.in, "<stdin>");
        for (String line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        return lines;
    }
}
