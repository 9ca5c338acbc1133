package org.lmlab.models.safetensors;

/**
 * A safetensors file that ends before the bytes its header declares: the length prefix, the
 * header or a tensor's data lies (partly) past the end of the file. Kept apart from other format
 * errors because it usually means an interrupted download or copy rather than a broken writer.
 */
public class TruncatedSafetensorsException extends SafetensorsFormatException {

    private static final long serialVersionUID = 1L;

    /** A truncation error whose message names the file, what was expected and what was found. */
    public TruncatedSafetensorsException(String message) {
        super(message);
    }
}
