package org.lmlab.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.preset.Presets;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.Tokenizers;

/**
 * The tokenizer that goes with a model: a model directory's own {@code tokenizer.json} if it
 * has one, else the bundled tokenizer with the model's vocabulary size (GPT-2's BPE, or
 * bert-base-uncased). It also frames text the way the model was trained to see it: an encoder
 * gets {@code [CLS] ... [SEP]} when the vocabulary has those tokens.
 */
final class ModelTokenizer {

    private final Tokenizer tokenizer;
    private final boolean framed;

    private ModelTokenizer(Tokenizer tokenizer, boolean framed) {
        this.tokenizer = tokenizer;
        this.framed = framed;
    }

    /** The bundled tokenizers by the vocabulary size of the presets that use them. */
    private static final Map<Integer, String> BUNDLED_BY_VOCABULARY = Map.of(
            Presets.GPT2_VOCAB, "gpt2",
            Presets.BERT_VOCAB, "bert-base-uncased");

    /**
     * The tokenizer name or path for a model given as a preset name or a directory: the
     * directory's {@code tokenizer.json}, else the bundled tokenizer of the model's vocabulary
     * size, else an error asking for one.
     */
    static String nameFor(String modelSource, ModelConfig config) {
        Path own = Path.of(modelSource).resolve("tokenizer.json");
        if (Files.isDirectory(Path.of(modelSource)) && Files.isRegularFile(own)) {
            return own.toString();
        }
        String bundled = BUNDLED_BY_VOCABULARY.get(config.vocabSize());
        if (bundled == null) {
            throw new IllegalArgumentException("model " + config.name() + " has a vocabulary of " + config.vocabSize()
                    + " tokens, which no bundled tokenizer has; put its tokenizer.json beside it"
                    + " (or pass --ids / --tokenizer)");
        }
        return bundled;
    }

    static ModelTokenizer forModel(Path directory, LanguageModel model) throws IOException {
        Tokenizer tokenizer = Tokenizers.standard().resolve(nameFor(directory.toString(), model.config()));
        SpecialTokens specials = tokenizer.specialTokens();
        boolean framed = !model.isCausal() && specials.id(SpecialTokens.Role.CLS).isPresent() && specials.id(SpecialTokens.Role.SEP).isPresent();
        return new ModelTokenizer(tokenizer, framed);
    }

    /** The ids the model should see for this text. */
    int[] encode(String text) {
        int[] ids = tokenizer.encode(text);
        if (!framed) {
            return ids;
        }
        SpecialTokens specials = tokenizer.specialTokens();
        int[] result = new int[ids.length + 2];
        result[0] = specials.require(SpecialTokens.Role.CLS);
        System.arraycopy(ids, 0, result, 1, ids.length);
        result[result.length - 1] = specials.require(SpecialTokens.Role.SEP);
        return result;
    }

    Tokenizer tokenizer() {
        return tokenizer;
    }
}
