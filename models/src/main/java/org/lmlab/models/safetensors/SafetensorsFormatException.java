package org.lmlab.models.safetensors;

import java.io.IOException;

/**
 * A safetensors file that breaks the format: a bad header, a tensor whose bytes do not match
 * its declared shape, a data section with holes, overlaps or trailing bytes, or a truncated file.
 * The message always names the file and, where one is involved, the tensor or header field.
 */
public class SafetensorsFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A format error with a message that already names the file and the offending part. */
    public SafetensorsFormatException(String message) {
        super(message);
    }

    /** A format error caused by a lower-level failure (for example a JSON syntax error). */
    public SafetensorsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
