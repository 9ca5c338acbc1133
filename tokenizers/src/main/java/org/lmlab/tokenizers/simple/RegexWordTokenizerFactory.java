package org.lmlab.tokenizers.simple;

import java.io.IOException;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.TokenizerFactory;
import org.lmlab.tokenizers.TokenizerSpec;
import org.lmlab.tokenizers.text.TextFiles;

/** {@code regex-word}: the book's chapter-2 word tokenizer, with the vocabulary of a UTF-8 text file. */
public final class RegexWordTokenizerFactory implements TokenizerFactory {

    @Override
    public Tokenizer create(TokenizerSpec spec) throws IOException {
        return RegexWordTokenizer.fromText(TextFiles.readUtf8(spec.requirePath(description())));
    }

    @Override
    public String description() {
        return "regex word tokenizer (book chapter 2) with the vocabulary of a UTF-8 text file";
    }
}
