package org.lmlab.tokenizers.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.tokenizers.TokenizerFileException;
import org.lmlab.tokenizers.wordpiece.WordPieceVocabulary;

/** Text and vocabulary files: invalid UTF-8, empty or duplicate entries are errors naming file and line. */
class TextFilesTest {

    @Test
    void invalidUtf8NamesTheLineOfTheFirstBadByte(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("corpus.txt");
        Files.write(file, new byte[] {'o', 'k', '\n', 'f', 'i', 'n', 'e', '\n', 'b', (byte) 0xFF, 'd'});
        TokenizerFileException e = assertThrows(TokenizerFileException.class, () -> TextFiles.readUtf8(file));
        assertEquals(file + ":3: not valid UTF-8 (byte 9)", e.getMessage());
        assertEquals("ok\nfine", TextFiles.decode("ok\nfine".getBytes(StandardCharsets.UTF_8), "x"));
    }

    @Test
    void vocabularyFilesRefuseEmptyAndDuplicateTokens() {
        assertEquals("vocab.txt:2: empty token", assertThrows(TokenizerFileException.class,
                () -> WordPieceVocabulary.read(stream("[UNK]\n\n"), "vocab.txt")).getMessage());
        assertEquals("vocab.txt:3: token \"a\" appears twice", assertThrows(TokenizerFileException.class,
                () -> WordPieceVocabulary.read(stream("a\nb\na\n"), "vocab.txt")).getMessage());
        assertEquals("vocab.txt: the vocabulary is empty", assertThrows(TokenizerFileException.class,
                () -> WordPieceVocabulary.read(stream(""), "vocab.txt")).getMessage());
    }

    @Test
    void loneSurrogatesBecomeReplacementCharactersInUtf8() {
        assertEquals("a\uFFFDb", Utf8.withoutLoneSurrogates("a\uDC00b"));
        String pair = "😀";
        assertEquals(pair, Utf8.withoutLoneSurrogates(pair));
        assertEquals("\uFFFD", new String(Utf8.encode("\uD800"), StandardCharsets.UTF_8));
    }

    @Test
    void gzipFilesAreReadDecompressedAndACorruptOneIsNamed(@TempDir Path directory) throws IOException {
        Path packed = directory.resolve("corpus.txt.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(packed))) {
            out.write("naïve text\nline two\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("naïve text\nline two\n", TextFiles.readUtf8(packed));
        Path broken = directory.resolve("broken.txt.gz");
        byte[] bytes = Files.readAllBytes(packed);
        Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        TokenizerFileException error = assertThrows(TokenizerFileException.class, () -> TextFiles.readUtf8(broken));
        assertEquals(true, error.getMessage().startsWith(broken + ": not a valid gzip file"), error.getMessage());
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
