package org.lmlab.tokenizers.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.tokenizers.TokenizerFileException;

/** Malformed vocabulary and merges files give errors that name the file and the line. */
class BpeFilesTest {

    @TempDir
    Path directory;

    /** A valid encoder.json body: the 256 byte tokens, "ab", "abc" and an end-of-text token. */
    private static String encoder(String extra) {
        StringBuilder json = new StringBuilder("{");
        for (int b = 0; b < 256; b++) {
            char c = ByteLevelAlphabet.charOf(b);
            String escaped = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : String.valueOf(c);
            json.append('"').append(escaped).append("\": ").append(b).append(", ");
        }
        json.append("\"ab\": 256, \"abc\": 257, \"<|endoftext|>\": 258").append(extra).append('}');
        return json.toString();
    }

    private String write(String encoderJson, String merges) throws IOException {
        Files.writeString(directory.resolve("encoder.json"), encoderJson);
        Files.writeString(directory.resolve("vocab.bpe"), merges);
        return directory.toString();
    }

    private String readError(String encoderJson, String merges) throws IOException {
        write(encoderJson, merges);
        return assertThrows(TokenizerFileException.class, () -> BpeFiles.read(directory)).getMessage();
    }

    @Test
    void aSmallValidVocabularyLoadsAndEncodes() throws IOException {
        write(encoder(""), "#version: 0.2\na b\nab c\n");
        ByteLevelBpeTokenizer tokenizer = new ByteLevelBpeTokenizer(BpeFiles.read(directory));
        assertEquals(259, tokenizer.vocabSize());
        assertEquals(List.of("abc", "Ġ", "ab"), java.util.Arrays.stream(tokenizer.encode("abc ab")).mapToObj(tokenizer::token).toList());
        assertEquals(258, tokenizer.encodeAllowingSpecial("<|endoftext|>")[0]);
    }

    @Test
    void unknownTokenInMergesNamesTheLine() throws IOException {
        String message = readError(encoder(""), "#version: 0.2\na b\nab q\n");
        assertTrue(message.endsWith("vocab.bpe:3: token \"abq\" is not in the vocabulary"), message);
    }

    @Test
    void malformedMergeLineNamesTheLine() throws IOException {
        String message = readError(encoder(""), "#version: 0.2\na b c\n");
        assertTrue(message.endsWith("vocab.bpe:2: expected two tokens separated by one space, got \"a b c\""), message);
    }

    @Test
    void invalidUtf8InMergesNamesTheLine() throws IOException {
        write(encoder(""), "");
        Files.write(directory.resolve("vocab.bpe"), new byte[] {'a', ' ', 'b', '\n', (byte) 0xC3, ' ', 'x', '\n'});
        String message = assertThrows(TokenizerFileException.class, () -> BpeFiles.read(directory)).getMessage();
        assertTrue(message.contains("vocab.bpe:2: not valid UTF-8"), message);
    }

    @Test
    void brokenJsonNamesTheFile() throws IOException {
        String message = readError("{\"a\": 0,", "");
        assertTrue(message.contains("encoder.json:1: not valid JSON"), message);
    }

    @Test
    void nonIntegerIdDuplicateIdsAndGapsAreRefused() throws IOException {
        assertTrue(readError("{\"a\": \"zero\"}", "").endsWith("encoder.json:1: the id of \"a\" is not an integer"));
        assertTrue(readError(encoder(", \"zz\": 258"), "").endsWith("encoder.json: id 258 is given to both \"<|endoftext|>\" and \"zz\""
                ) || readError(encoder(", \"zz\": 258"), "").endsWith("encoder.json: id 258 is given to both \"zz\" and \"<|endoftext|>\""));
        assertTrue(readError(encoder(", \"zz\": 900"), "").contains("ids must run from 0 to 259 without gaps, but \"zz\" has id 900"));
    }

    @Test
    void aMissingByteTokenIsRefused() throws IOException {
        String message = readError("{\"a\": 0, \"b\": 1}", "");
        assertTrue(message.endsWith("no token for byte 0 (\"Ā\")"), message);
    }

    @Test
    void writtenFilesAreUtf8Json() throws IOException {
        write(encoder(""), "#version: 0.2\na b\nab c\n");
        BpeModel model = BpeFiles.read(directory);
        Path out = directory.resolve("copy");
        BpeFiles.write(model, out);
        assertEquals("#version: 0.2\na b\nab c\n", Files.readString(out.resolve("vocab.bpe"), StandardCharsets.UTF_8));
        assertTrue(Files.readString(out.resolve("tokenizer.json")).contains("\"type\":\"BPE\""));
    }
}
