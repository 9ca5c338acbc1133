package org.lmlab.finetune.classify;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.Tokenizers;

/**
 * A fine-tuned classifier loaded from its model directory (weights plus {@link ClassifierFile}):
 * texts in, label names and probabilities out, each text read as in training (the same
 * tokenizer, framing and truncation, through the objective's collate).
 */
public final class Classifier {

    private final LanguageModel model;
    private final ClassifierFile file;
    private final Tokenizer tokenizer;
    private final ClassificationObjective objective;

    private Classifier(LanguageModel model, ClassifierFile file, Tokenizer tokenizer) {
        this.model = model;
        this.file = file;
        this.tokenizer = tokenizer;
        this.objective = new ClassificationObjective(file.objective(), tokenizer);
        objective.checkCompatible(model);
        long classes = model.config().head().classes();
        if (classes != file.labels().size()) {
            throw new IllegalArgumentException(ClassifierFile.FILE + " names " + file.labels().size()
                    + " labels but the model's head has " + classes + " classes");
        }
    }

    /**
     * Loads the classifier in {@code directory} (a run's {@code model/}); the tokenizer is the
     * directory's {@code tokenizer.json} if it has one, else the one {@value ClassifierFile#FILE} names.
     */
    public static Classifier load(Path directory, ModelDirectory directories, Tokenizers tokenizers, NDManager manager)
            throws IOException {
        ClassifierFile file = ClassifierFile.read(directory);
        Path own = directory.resolve("tokenizer.json");
        Tokenizer tokenizer = tokenizers.resolve(Files.isRegularFile(own) ? own.toString() : file.tokenizer());
        return new Classifier(directories.load(directory, manager), file, tokenizer);
    }

    /** A label and its probability, with every class's probability in class-id order. */
    public record Prediction(String label, double probability, double[] probabilities) {
    }

    /**
     * The predicted label of each text.
     *
     * @throws IllegalArgumentException naming the text (counted from 0) that has no tokens
     */
    public List<Prediction> classify(List<String> texts, int batchSize) {
        List<int[]> rows = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            int[] ids = tokenizer.encode(texts.get(i));
            if (ids.length == 0) {
                throw new IllegalArgumentException("text " + i + ": no tokens to classify");
            }
            rows.add(ids);
        }
        double[][] probabilities = ClassificationPredictor.probabilities(model, objective,
                ClassificationExamples.unlabelled(rows), batchSize);
        List<Prediction> predictions = new ArrayList<>(texts.size());
        for (double[] p : probabilities) {
            int best = ClassificationPredictor.argMax(p);
            predictions.add(new Prediction(file.labels().get(best), p[best], p));
        }
        return predictions;
    }

    public LanguageModel model() {
        return model;
    }

    public ClassifierFile file() {
        return file;
    }
}
