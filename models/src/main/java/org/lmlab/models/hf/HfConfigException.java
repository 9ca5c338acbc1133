package org.lmlab.models.hf;

import java.io.IOException;

/**
 * A {@code config.json} that cannot be used: malformed JSON, a missing or invalid field, or an
 * unsupported {@code model_type}. The message names the file and the field.
 */
public class HfConfigException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An error whose message already names the file and field. */
    public HfConfigException(String message) {
        super(message);
    }

    /** An error whose message already names the file and field, with the parser's exception as cause. */
    public HfConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
