package org.lmlab.experiments.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads input in blocks of whole lines for {@code lmlab tokenize}, so blocks can be tokenised
 * apart (on several threads) and their output joined in order. Every block ends just after a
 * {@code \n}, except the input's last one when its last line has none; a block holds what one
 * read gave (up to the last newline), so a line typed at a terminal is not kept waiting for more.
 */
final class LineBlocks {

    /** Bytes of whole lines: {@code bytes[0, length)}. */
    record Block(byte[] bytes, int length) {
    }

    private final InputStream in;
    private byte[] buffer;
    private int filled;
    private boolean ended;

    /** Blocks of about {@code blockSize} bytes (more when one line is longer). */
    LineBlocks(InputStream in, int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size " + blockSize + " < 1");
        }
        this.in = in;
        this.buffer = new byte[blockSize];
    }

    /** The next block, or {@code null} at the end of the input. */
    Block next() throws IOException {
        int searched = 0;
        while (true) {
            int newline = lastNewline(searched, filled);
            if (newline >= 0) {
                return take(newline + 1);
            }
            searched = filled;
            if (ended) {
                return filled > 0 ? take(filled) : null;
            }
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                ended = true;
            } else {
                filled += read;
            }
        }
    }

    private int lastNewline(int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private Block take(int length) {
        Block block = new Block(Arrays.copyOf(buffer, length), length);
        System.arraycopy(buffer, length, buffer, 0, filled - length);
        filled -= length;
        return block;
    }
}
