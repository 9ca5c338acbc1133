package org.lmlab.tokenizers;

import java.io.IOException;

/**
 * A vocabulary, merges or corpus file that cannot be used, with the file and (where it
 * helps) the line named in the message, e.g. {@code vocab.bpe:17: unknown token "Ġq"}.
 */
public class TokenizerFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A problem with a whole file. */
    public TokenizerFileException(String file, String problem) {
        super(file + ": " + problem);
    }

    /** A problem at a 1-based line of a file. */
    public TokenizerFileException(String file, long line, String problem) {
        super(file + ":" + line + ": " + problem);
    }

    /** A problem with a whole file, caused by another exception. */
    public TokenizerFileException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
