package org.lmlab.tokenizers.hf;

import java.io.IOException;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.TokenizerFactory;
import org.lmlab.tokenizers.TokenizerSpec;

/** {@code hf-json}: any Hugging Face {@code tokenizer.json}, run by the Rust library through DJL. */
public final class HuggingFaceJsonTokenizerFactory implements TokenizerFactory {

    @Override
    public Tokenizer create(TokenizerSpec spec) throws IOException {
        return HuggingFaceJsonTokenizer.load(spec.requirePath(description()));
    }

    @Override
    public String description() {
        return "any Hugging Face tokenizer.json file (through DJL's HuggingFaceTokenizer)";
    }
}
