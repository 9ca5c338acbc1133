package org.lmlab.tokenizers.bpe;

import java.io.IOException;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.TokenizerFactory;
import org.lmlab.tokenizers.TokenizerSpec;

/** {@code bpe}: a byte-level BPE from a directory with {@code encoder.json} and {@code vocab.bpe} (e.g. one {@link BpeTrainer} saved). */
public final class BpeTokenizerFactory implements TokenizerFactory {

    @Override
    public Tokenizer create(TokenizerSpec spec) throws IOException {
        return new ByteLevelBpeTokenizer(BpeFiles.read(spec.requirePath(description())));
    }

    @Override
    public String description() {
        return "byte-level BPE from a directory holding encoder.json and vocab.bpe";
    }
}
