package org.lmlab.tokenizers.simple;

import java.io.IOException;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.TokenizerFactory;
import org.lmlab.tokenizers.TokenizerSpec;
import org.lmlab.tokenizers.text.TextFiles;

/** {@code char}: one token per character, with the characters of a UTF-8 text file. */
public final class CharTokenizerFactory implements TokenizerFactory {

    @Override
    public Tokenizer create(TokenizerSpec spec) throws IOException {
        return CharTokenizer.fromText(TextFiles.readUtf8(spec.requirePath(description())));
    }

    @Override
    public String description() {
        return "character tokenizer with the characters of a UTF-8 text file";
    }
}
