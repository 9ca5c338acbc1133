package org.lmlab.finetune.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.lmlab.layers.config.Json;
import org.lmlab.models.safetensors.AtomicFiles;

/**
 * {@value #FILE} beside a fine-tuned classifier's weights: the label names in class-id order,
 * and how its texts were read in training (the tokenizer's name or path, the framing, the
 * truncation), so {@code lmlab classify} reads a text exactly as the model was trained to.
 */
public record ClassifierFile(List<String> labels, String tokenizer, String framing, int maxLength) {

    /** The file name inside a model directory. */
    public static final String FILE = "labels.json";

    public ClassifierFile {
        labels = new Labels(labels).names();
        new ClassificationConfig(ClassificationObjective.NAME, framing, maxLength);
        if (tokenizer == null || tokenizer.isBlank()) {
            throw new IllegalArgumentException("tokenizer: required");
        }
    }

    /** The file in a model directory. */
    public static ClassifierFile read(Path modelDirectory) throws IOException {
        Path file = modelDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    "not a fine-tuned classifier (no " + FILE + " with its label names; lmlab finetune classify writes one)");
        }
        try {
            return Json.read(file, ClassifierFile.class);
        } catch (IllegalArgumentException invalid) {
            throw new IOException(invalid.getMessage(), invalid);
        }
    }

    /** Writes the file into a model directory. */
    public void write(Path modelDirectory) throws IOException {
        AtomicFiles.write(modelDirectory.resolve(FILE), Json.bytes(Json.MAPPER, this));
    }

    /** The label set. */
    public Labels labelSet() {
        return new Labels(labels);
    }

    /** The objective config whose collate reads texts as in training. */
    public ClassificationConfig objective() {
        return new ClassificationConfig(ClassificationObjective.NAME, framing, maxLength);
    }
}
