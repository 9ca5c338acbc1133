package org.lmlab.experiments.cli;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.lmlab.tokenizers.Tokenizer;

/**
 * Tokenises one {@link LineBlocks.Block} into {@code lmlab tokenize}'s output: per line (ending
 * at {@code \n} only), the ids (or token strings) separated by single spaces, then {@code \n}.
 * Lines are strict UTF-8: a line that is not stops the block, and the result says which line
 * it was, so the caller can write the lines before it and name the line in the error. Safe to
 * use from several threads at once when the tokenizer is (every lmlab tokenizer is).
 */
final class BlockEncoder {

    /** A block's output: {@code text} for its first {@code lines} lines; {@code invalid} if the next one is not UTF-8. */
    record Result(StringBuilder text, int lines, boolean invalid) {
    }

    private final Tokenizer tokenizer;
    private final boolean allowSpecial;
    private final boolean tokens;

    BlockEncoder(Tokenizer tokenizer, boolean allowSpecial, boolean tokens) {
        this.tokenizer = tokenizer;
        this.allowSpecial = allowSpecial;
        this.tokens = tokens;
    }

    /** The output for the lines of {@code block}. */
    Result encode(LineBlocks.Block block) {
        byte[] bytes = block.bytes();
        int length = block.length();
        StringBuilder text = new StringBuilder(length + (length >> 1) + 16);
        CharsetDecoder decoder = null;
        int lines = 0;
        int start = 0;
        while (start < length) {
            int end = start;
            boolean ascii = true;
            while (end < length && bytes[end] != '\n') {
                ascii &= bytes[end] >= 0;
                end++;
            }
            String line;
            if (ascii) {
                line = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
            } else {
                if (decoder == null) {
                    decoder = StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT);
                }
                line = decodeStrict(decoder, bytes, start, end - start);
                if (line == null) {
                    return new Result(text, lines, true);
                }
            }
            append(text, tokenizer.encodeAsReference(line, allowSpecial));
            lines++;
            start = end + 1;
        }
        return new Result(text, lines, false);
    }

    private void append(StringBuilder text, int[] ids) {
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                text.append(' ');
            }
            if (tokens) {
                text.append(tokenizer.token(ids[i]));
            } else {
                text.append(ids[i]);
            }
        }
        text.append('\n');
    }

    /** The text of UTF-8 bytes, or {@code null} if they are not valid UTF-8. */
    private static String decodeStrict(CharsetDecoder decoder, byte[] bytes, int offset, int length) {
        decoder.reset();
        CharBuffer out = CharBuffer.allocate(length);
        if (decoder.decode(ByteBuffer.wrap(bytes, offset, length), out, true).isError() || decoder.flush(out).isError()) {
            return null;
        }
        out.flip();
        return out.toString();
    }
}
