package org.lmlab.training.checkpoint;

import java.io.IOException;

/** A checkpoint that cannot be used (missing, truncated, corrupt); the message names the file. */
public class CheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
