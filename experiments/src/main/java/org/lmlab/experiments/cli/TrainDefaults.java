package org.lmlab.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.preset.Presets;

/**
 * Defaults of {@code lmlab train} that depend on the installation: where the book's corpus is
 * and which bundled tokenizer goes with a model's vocabulary.
 */
final class TrainDefaults {

    /** The bundled tokenizers by the vocabulary size of the presets that use them. */
    private static final Map<Integer, String> TOKENIZER_BY_VOCABULARY = Map.of(
            Presets.GPT2_VOCAB, "gpt2",
            Presets.BERT_VOCAB, "bert-base-uncased");

    private TrainDefaults() {
    }

    /** data/the-verdict.txt under the lmlab root (the launcher's {@code lmlab.root}), else under the working directory. */
    static Path bookCorpus() {
        return Path.of(System.getProperty("lmlab.root", "."), "data", "the-verdict.txt");
    }

    /**
     * The tokenizer for a model: a model directory's own {@code tokenizer.json}, else the bundled
     * tokenizer with the model's vocabulary size, else an error asking for {@code --tokenizer}.
     */
    static String tokenizerFor(String modelSource, ModelConfig config) {
        Path own = Path.of(modelSource).resolve("tokenizer.json");
        if (Files.isDirectory(Path.of(modelSource)) && Files.isRegularFile(own)) {
            return own.toString();
        }
        String bundled = TOKENIZER_BY_VOCABULARY.get(config.vocabSize());
        if (bundled == null) {
            throw new IllegalArgumentException("model " + config.name() + " has a vocabulary of " + config.vocabSize()
                    + " tokens, which no bundled tokenizer has; pass --tokenizer");
        }
        return bundled;
    }
}
