package org.lmlab.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.tokenizers.SpecialTokens;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.Tokenizers;

/**
 * The tokenizer that goes with a model directory: its own {@code tokenizer.json} if it has one,
 * else GPT-2's BPE for a decoder and bert-base-uncased for an encoder. It also frames text the
 * way the model was trained to see it: an encoder gets {@code [CLS] ... [SEP]} when the
 * vocabulary has those tokens.
 */
final class ModelTokenizer {

    private final Tokenizer tokenizer;
    private final boolean framed;

    private ModelTokenizer(Tokenizer tokenizer, boolean framed) {
        this.tokenizer = tokenizer;
        this.framed = framed;
    }

    static ModelTokenizer forModel(Path directory, LanguageModel model) throws IOException {
        ModelConfig config = model.config();
        Path own = directory.resolve("tokenizer.json");
        boolean encoder = !model.isCausal();
        String name = Files.isRegularFile(own) ? own.toString() : encoder ? "bert-base-uncased" : "gpt2";
        Tokenizer tokenizer = Tokenizers.standard().resolve(name);
        if (tokenizer.vocabSize() > config.vocabSize()) {
            throw new IllegalArgumentException("tokenizer " + name + " has " + tokenizer.vocabSize()
                    + " tokens but the model in " + directory + " only " + config.vocabSize()
                    + "; put the model's tokenizer.json beside it or pass --ids");
        }
        SpecialTokens specials = tokenizer.specialTokens();
        boolean framed = encoder && specials.id(SpecialTokens.Role.CLS).isPresent() && specials.id(SpecialTokens.Role.SEP).isPresent();
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
