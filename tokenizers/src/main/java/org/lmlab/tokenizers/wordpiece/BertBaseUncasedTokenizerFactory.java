package org.lmlab.tokenizers.wordpiece;

import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.TokenizerFactory;
import org.lmlab.tokenizers.TokenizerSpec;

/** {@code bert-base-uncased}: BERT's uncased WordPiece, bundled; takes no path. */
public final class BertBaseUncasedTokenizerFactory implements TokenizerFactory {

    @Override
    public Tokenizer create(TokenizerSpec spec) {
        spec.requireNoPath();
        return WordPieceVocabulary.bertBaseUncased();
    }

    @Override
    public String description() {
        return "BERT uncased WordPiece (Hugging Face bert-base-uncased), bundled";
    }
}
