package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.lmlab.experiments.Injection;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.TokenizerFileException;
import org.lmlab.tokenizers.Tokenizers;

/**
 * {@code lmlab tokenize}'s blocks of lines: any number of threads and any block size give the
 * bytes of a plain line-by-line loop (empty lines, a last line without newline, lines longer
 * than a block, invalid UTF-8 after some lines), and its tokenizer-only start gives the full
 * command tree's help and errors.
 */
class TokenizeBlocksTest {

    private static final Tokenizer GPT2 = gpt2();

    private static Tokenizer gpt2() {
        try {
            return Tokenizers.standard().resolve("gpt2");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void blocksEndAfterANewlineAndKeepLongLinesWhole() throws IOException {
        LineBlocks blocks = new LineBlocks(new ByteArrayInputStream("ab\ncdefgh\n\nij".getBytes(StandardCharsets.US_ASCII)), 4);
        assertEquals("ab\n", text(blocks.next()));
        assertEquals("cdefgh\n\n", text(blocks.next()));
        assertEquals("ij", text(blocks.next()));
        assertNull(blocks.next());
        assertNull(new LineBlocks(new ByteArrayInputStream(new byte[0]), 4).next());
    }

    @Test
    void anyThreadsAndBlockSizeGiveTheLineByLineBytes() throws IOException {
        String corpus = String.join("\n", fixtureDocuments()) + "\n\n\nlast line without newline";
        byte[] input = corpus.getBytes(StandardCharsets.UTF_8);
        String expected = lineByLine(corpus, false);
        assertTrue(expected.split("\n", -1).length > 5_000, "the fixtures give thousands of lines, multi-line documents included");
        for (int threads : new int[] {1, 2, 3}) {
            for (int blockSize : new int[] {1, 97, 1 << 16}) {
                assertEquals(expected, run(input, new OrderedEncoding(threads, blockSize), false), threads + " threads, blocks of " + blockSize);
            }
        }
        assertEquals(lineByLine(corpus, true), run(input, new OrderedEncoding(3, 97), true), "token strings");
    }

    @Test
    void invalidUtf8StopsAfterTheLinesBeforeItNamingItsLine() {
        StringBuilder good = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            good.append("line ").append(i).append(i % 7 == 0 ? " café\n" : "\n");
        }
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(good.toString().getBytes(StandardCharsets.UTF_8));
        input.writeBytes(new byte[] {'b', 'a', 'd', (byte) 0xC3, '\n', 'n', 'e', 'x', 't', '\n'});
        String before = lineByLine(good.toString(), false);
        for (int threads : new int[] {1, 3}) {
            StringWriter out = new StringWriter();
            TokenizerFileException failure = assertThrows(TokenizerFileException.class, () -> new OrderedEncoding(threads, 64)
                    .run(new ByteArrayInputStream(input.toByteArray()), new BlockEncoder(GPT2, false, false), out, "in.txt"));
            assertEquals("in.txt:501: not valid UTF-8", failure.getMessage());
            assertEquals(before, out.toString(), threads + " threads: the 500 lines before the bad one, and nothing after");
        }
    }

    @Test
    void theTokenizerOnlyStartHelpsAndFailsAsTheFullTreeDoes() {
        assertTrue(TokenizeRoot.serves(new String[] {"tokenize", "--tokenizer", "gpt2"}));
        assertFalse(TokenizeRoot.serves(new String[] {"tokenize", "--plugin", "x.Y", "--tokenizer", "gpt2"}));
        assertFalse(TokenizeRoot.serves(new String[] {"tokenize", "--plugin=x.Y"}));
        assertFalse(TokenizeRoot.serves(new String[] {"--version"}));
        for (String[] args : List.of(new String[] {"tokenize", "--help"}, new String[] {"tokenize"},
                new String[] {"tokenize", "--tokenizer", "gpt2", "--nonsense"}, new String[] {"tokenize", "--version"})) {
            CliRun quick = CliRun.of(args);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CliErrors errors = new CliErrors(false);
            int code = Lmlab.commandLine(Injection.create(List.of())).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .setParameterExceptionHandler(errors).setExecutionExceptionHandler(errors).execute(args);
            assertEquals(code, quick.code(), String.join(" ", args));
            assertEquals(out.toString(), quick.out(), String.join(" ", args));
            assertEquals(err.toString(), quick.err(), String.join(" ", args));
        }
    }

    private static String run(byte[] input, OrderedEncoding encoding, boolean tokens) throws IOException {
        StringWriter out = new StringWriter();
        encoding.run(new ByteArrayInputStream(input), new BlockEncoder(GPT2, false, tokens), out, "corpus");
        return out.toString();
    }

    /** The reference: split at \n (a final \n starts no line), encode each line, join by spaces. */
    private static String lineByLine(String text, boolean tokens) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int k = 0; k < count; k++) {
            int[] ids = GPT2.encode(lines[k]);
            List<String> row = new ArrayList<>();
            for (int id : ids) {
                row.add(tokens ? GPT2.token(id) : Integer.toString(id));
            }
            out.append(String.join(" ", row)).append('\n');
        }
        return out.toString();
    }

    private static String text(LineBlocks.Block block) {
        return new String(block.bytes(), 0, block.length(), StandardCharsets.UTF_8);
    }

    private static List<String> fixtureDocuments() throws IOException {
        Path path = Path.of(System.getProperty("lmlab.root"), "tokenizers", "src", "test", "resources", "fixtures", "corpus.b64.gz");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(path)), StandardCharsets.UTF_8))) {
            return reader.lines().map(line -> new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8)).toList();
        }
    }
}
