package org.lmlab.tokenizers.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lmlab.tokenizers.TokenizerFileException;

/**
 * Reads whole UTF-8 text files for vocabularies and corpora. Invalid UTF-8 is an error that
 * names the file and the line of the first bad byte, never a silent U+FFFD.
 */
public final class TextFiles {

    private TextFiles() {
    }

    /** The text of a UTF-8 file ({@code .gz}: gzip-compressed UTF-8). */
    public static String readUtf8(Path file) throws IOException {
        return decode(readBytes(file), file.toString());
    }

    /**
     * The bytes of a file, decompressed when its name ends in {@code .gz} (the bundled corpora
     * ship compressed); a corrupt gzip stream is an error naming the file.
     */
    public static byte[] readBytes(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new TokenizerFileException(file.toString(), "is a directory, not a text file");
        }
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Files.readAllBytes(file);
        }
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        } catch (java.util.zip.ZipException | java.io.EOFException corrupt) {
            throw new TokenizerFileException(file.toString(), "not a valid gzip file (" + corrupt.getMessage() + ")");
        }
    }

    /** The text of UTF-8 bytes; {@code name} names their source in the error. */
    public static String decode(byte[] bytes, String name) throws TokenizerFileException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            throw new TokenizerFileException(name, lineOf(bytes, bad), "not valid UTF-8 (byte " + bad + ")");
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static long lineOf(byte[] bytes, int offset) {
        long line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
