package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.training.data.TokenCache;
import org.lmlab.training.data.TokenFile;
import org.lmlab.training.data.TokenFileException;

class TokenCacheTest {

    @TempDir
    Path temp;

    private Path corpus(String text) throws IOException {
        Path file = temp.resolve("corpus.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void theCorpusIsTokenisedOnceAndReadBackFromTheMappedFile() throws IOException {
        Path source = corpus("abc ab.");
        CharTokenizer tokenizer = new CharTokenizer();
        TokenCache cache = new TokenCache(temp.resolve("cache"));
        TokenFile first = cache.tokens(source, "char", tokenizer);
        TokenFile second = cache.tokens(source, "char", tokenizer);
        assertEquals(1, tokenizer.encodeCalls());
        int[] expected = {5, 6, 7, 31, 5, 6, 32};
        assertArrayEquals(expected, first.slice(0, 7));
        assertArrayEquals(expected, second.slice(0, 7));
        assertEquals(7, second.length());
        // The token file is exactly little-endian int32 ids.
        byte[] raw = Files.readAllBytes(second.path());
        assertEquals(28, raw.length);
        assertEquals(31, ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getInt(12));
        String sidecar = Files.readString(Path.of(second.path().toString().replace(".tokens", ".json")));
        assertTrue(sidecar.contains("\"tokenizer\" : \"char\"") && sidecar.contains("\"tokens\" : 7"), sidecar);
    }

    @Test
    void anEditedCorpusOrAnotherTokenizerNameRebuildsTheCache() throws IOException {
        Path source = corpus("abc");
        CharTokenizer tokenizer = new CharTokenizer();
        TokenCache cache = new TokenCache(temp.resolve("cache"));
        cache.tokens(source, "char", tokenizer);
        Files.writeString(source, "abcd");
        TokenFile edited = cache.tokens(source, "char", tokenizer);
        assertEquals(2, tokenizer.encodeCalls());
        assertArrayEquals(new int[] {5, 6, 7, 8}, edited.slice(0, 4));
        cache.tokens(source, "other-char", tokenizer);
        assertEquals(3, tokenizer.encodeCalls());
        cache.tokens(source, "char", tokenizer);
        assertEquals(3, tokenizer.encodeCalls());
    }

    @Test
    void aDamagedTokenFileIsRebuiltNotTrusted() throws IOException {
        Path source = corpus("abcdef");
        CharTokenizer tokenizer = new CharTokenizer();
        TokenCache cache = new TokenCache(temp.resolve("cache"));
        Path tokens = cache.tokens(source, "char", tokenizer).path();
        Files.write(tokens, new byte[] {1, 2, 3});
        TokenFile rebuilt = cache.tokens(source, "char", tokenizer);
        assertEquals(2, tokenizer.encodeCalls());
        assertEquals(6, rebuilt.length());
    }

    @Test
    void invalidUtf8NamesTheFileAndTheByte() throws IOException {
        Path source = temp.resolve("bad.txt");
        Files.write(source, new byte[] {'a', 'b', (byte) 0xC3, 'c'});
        TokenFileException error = assertThrows(TokenFileException.class,
                () -> new TokenCache(temp.resolve("cache")).tokens(source, "char", new CharTokenizer()));
        assertEquals(source.toAbsolutePath() + ": not valid UTF-8 near byte 2", error.getMessage());
    }

    @Test
    void anEmptyCorpusIsAClearErrorAndLeavesNoCache() throws IOException {
        Path source = corpus("");
        Path directory = temp.resolve("cache");
        TokenFileException error = assertThrows(TokenFileException.class,
                () -> new TokenCache(directory).tokens(source, "char", new CharTokenizer()));
        assertEquals(source.toAbsolutePath() + ": the corpus gives no tokens (is it empty?)", error.getMessage());
        try (Stream<Path> files = Files.exists(directory) ? Files.list(directory) : Stream.empty()) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void tokenFilesRejectIdsOutsideTheVocabulary() throws IOException {
        Path file = temp.resolve("ids.tokens");
        Files.write(file, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(3).putInt(99).array());
        TokenFileException error = assertThrows(TokenFileException.class, () -> TokenFile.open(file, 2, 50));
        assertEquals(file + ": token 1 is id 99, outside the vocabulary of 50", error.getMessage());
    }
}
