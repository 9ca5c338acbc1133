package org.lmlab.experiments.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.lmlab.tokenizers.TokenizerFileException;
import org.lmlab.tokenizers.text.TextFiles;

/**
 * Reads UTF-8 text line by line for {@code lmlab tokenize}: lines end at {@code \n} only (a
 * {@code \r} or U+2028 is part of the line's text), the final newline does not start another
 * line, and a last line without one still counts. Bytes that are not valid UTF-8 are an error
 * naming the input and the line, never a silent U+FFFD.
 */
final class TokenizeLines {

    private final InputStream in;
    private final String name;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long lineNumber;

    TokenizeLines(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    /** The next line without its {@code \n}, or {@code null} at the end of the input. */
    String next() throws IOException {
        line.reset();
        boolean sawAnything = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return sawAnything ? decode() : null;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.write(buffer, start, position - start);
            sawAnything = true;
            if (position < limit) {
                position++;
                return decode();
            }
        }
    }

    private String decode() throws IOException {
        lineNumber++;
        try {
            return TextFiles.decode(line.toByteArray(), name);
        } catch (TokenizerFileException e) {
            throw new TokenizerFileException(name, lineNumber, "not valid UTF-8");
        }
    }
}
