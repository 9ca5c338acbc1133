package org.lmlab.tokenizers;

import java.io.IOException;

/**
 * Makes one kind of tokenizer from a {@link TokenizerSpec}. Each kind is bound under its
 * name in {@link TokenizersModule}; a new kind is one factory and one binding.
 */
public interface TokenizerFactory {

    /** A tokenizer for the spec; a missing or malformed file is an {@link IOException} naming it. */
    Tokenizer create(TokenizerSpec spec) throws IOException;

    /** What this kind is and what its path means, in one line (for help and errors). */
    String description();
}
