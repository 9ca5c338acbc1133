package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lmlab tokenize}: one output line per input line, from standard input or a file, and
 * tiktoken's and Hugging Face's ids on every single-line fixture document.
 */
class TokenizeCommandTest {

    private static CliRun run(byte[] stdin, String... args) {
        return CliRun.withStdin(stdin, args);
    }

    private static CliRun run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    @Test
    void eachInputLineGivesOneLineOfIds() {
        CliRun result = run("Hello world\n\nThe end\n", "tokenize", "--tokenizer", "gpt2");
        assertEquals("", result.err());
        assertEquals(0, result.code());
        assertEquals("15496 995\n\n464 886\n", result.out());
    }

    @Test
    void aLastLineWithoutNewlineStillCountsAndEmptyInputGivesNothing(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("in.txt"), "Hello world\nThe end");
        CliRun result = run("ignored\n", "tokenize", "--tokenizer", "gpt2", "--input", file.toString());
        assertEquals("15496 995\n464 886\n", result.out());
        assertEquals("", run("", "tokenize", "--tokenizer", "gpt2").out());
        assertEquals("\n\n", run("\n\n", "tokenize", "--tokenizer", "gpt2").out());
    }

    @Test
    void carriageReturnsArePartOfTheLine() {
        assertEquals("64 201\n", run("a\r\n", "tokenize", "--tokenizer", "gpt2").out());
    }

    @Test
    void specialTokensOnlyWhenAllowed() {
        assertEquals("27 91 437 1659 5239 91 29\n", run("<|endoftext|>\n", "tokenize", "--tokenizer", "gpt2").out());
        assertEquals("50256\n", run("<|endoftext|>\n", "tokenize", "--tokenizer", "gpt2", "--allow-special").out());
    }

    @Test
    void tokenStringsInsteadOfIds() {
        assertEquals("Hello Ġworld\n", run("Hello world\n", "tokenize", "--tokenizer", "gpt2", "--tokens").out());
        assertEquals("[CLS] hello , world ! [SEP]\n",
                run("Hello, world!\n", "tokenize", "--tokenizer", "bert-base-uncased", "--tokens").out());
    }

    @Test
    void bertLinesAreFramedLikeHuggingFace() {
        assertEquals("101 7592 1010 2088 999 102\n101 102\n",
                run("Hello, world!\n\n", "tokenize", "--tokenizer", "bert-base-uncased").out());
    }

    @Test
    void aTokenizerJsonPathUsesHuggingFace() {
        String json = Path.of(System.getProperty("lmlab.root"), "data", "gpt2", "tokenizer.json").toString();
        assertEquals("15496 995\n", run("Hello world\n", "tokenize", "--tokenizer", json).out());
    }

    @Test
    void invalidUtf8IsAnErrorNamingFileAndLine(@TempDir Path directory) throws IOException {
        Path file = Files.write(directory.resolve("bad.txt"), new byte[] {'o', 'k', '\n', 'b', (byte) 0xC3, '\n'});
        CliRun result = run("", "tokenize", "--tokenizer", "gpt2", "--input", file.toString());
        assertEquals(2, result.code());
        assertEquals("lmlab: " + file + ":2: not valid UTF-8\n", result.err().replace(System.lineSeparator(), "\n"));
        CliRun stdin = run(new byte[] {(byte) 0xFF, '\n'}, "tokenize", "--tokenizer", "gpt2");
        assertEquals(2, stdin.code());
        assertTrue(stdin.err().startsWith("lmlab: <stdin>:1: not valid UTF-8"), stdin.err());
    }

    @Test
    void unknownTokenizerAndMissingFileExitTwo() {
        CliRun unknown = run("", "tokenize", "--tokenizer", "gpt5");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("lmlab: unknown tokenizer 'gpt5': not a name (bert-base-uncased, bpe, char, gpt2"),
                unknown.err());
        CliRun missing = run("", "tokenize", "--tokenizer", "gpt2", "--input", "/nonexistent/in.txt");
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("lmlab: file not found: /nonexistent/in.txt"), missing.err());
        CliRun noTokenizer = run("", "tokenize");
        assertEquals(2, noTokenizer.code());
    }

    @Test
    void everySingleLineFixtureDocumentGivesTheReferenceIds() throws IOException {
        List<String> documents = fixtureLines("corpus.b64.gz").stream()
                .map(line -> new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8)).toList();
        List<Integer> singleLine = new ArrayList<>();
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i).indexOf('\n') < 0) {
                singleLine.add(i);
                input.append(documents.get(i)).append('\n');
            }
        }
        assertEquals(2144, singleLine.size());
        byte[] stdin = input.toString().getBytes(StandardCharsets.UTF_8);
        assertMatches(singleLine, fixtureLines("gpt2.expected.ids.gz"), run(stdin, "tokenize", "--tokenizer", "gpt2"));
        assertMatches(singleLine, fixtureLines("gpt2.expected.allspecial.ids.gz"),
                run(stdin, "tokenize", "--tokenizer", "gpt2", "--allow-special"));
        assertMatches(singleLine, fixtureLines("bert.hf.ids.gz"), run(stdin, "tokenize", "--tokenizer", "bert-base-uncased"));
    }

    private static void assertMatches(List<Integer> documents, List<String> expected, CliRun result) {
        assertEquals(0, result.code(), result.err());
        String[] lines = result.out().split("\n", -1);
        assertEquals(documents.size() + 1, lines.length, "one output line per input line");
        for (int k = 0; k < documents.size(); k++) {
            assertEquals(expected.get(documents.get(k)), lines[k], "fixture document " + documents.get(k));
        }
    }

    private static List<String> fixtureLines(String file) throws IOException {
        Path path = Path.of(System.getProperty("lmlab.root"), "tokenizers", "src", "test", "resources", "fixtures", file);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(path)), StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }
}
