package org.lmlab.training.data;

import java.io.IOException;

/** A corpus or token file that cannot be used; the message names the file and what is wrong. */
public class TokenFileException extends IOException {

    private static final long serialVersionUID = 1L;

    public TokenFileException(String message) {
        super(message);
    }

    public TokenFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
