package org.lmlab.tokenizers.bpe;

import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.TokenizerFactory;
import org.lmlab.tokenizers.TokenizerSpec;

/** {@code gpt2}: OpenAI's GPT-2 BPE, bundled; takes no path. */
public final class Gpt2TokenizerFactory implements TokenizerFactory {

    @Override
    public Tokenizer create(TokenizerSpec spec) {
        spec.requireNoPath();
        return Gpt2Vocabulary.tokenizer();
    }

    @Override
    public String description() {
        return "OpenAI GPT-2 byte-level BPE (tiktoken gpt2), bundled";
    }
}
