package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lmlab run FILE --check}: the file's plugins join the one injector (an attention variant a
 * plugin adds is used by name in the same file), the plan is printed and nothing runs; every
 * error of a bad file is printed, one line each, with exit 2.
 */
class RunCommandTest {

    private static final String FILE = """
            name: plugged
            plugins: [org.example.lmlab.ExamplePlugin]
            tokenizer:
              train: {vocab_size: 300, data: corpus.txt, special_tokens: ["<|endoftext|>"]}
            models:
              gpt:
                preset: gpt-tiny
                model: {block: {attention: {type: temperature, temperature: 2.5}}}
                objective: smoothed-lm
            pretrain:
              data: {type: corpus, path: corpus.txt}
              context: 32
              train: {batch_size: 4, steps: 10, epochs: 0}
            sweep:
              seed: [5, 6]
            """;

    @TempDir
    Path temp;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(temp.resolve("corpus.txt"), "a small corpus for a tokenizer to learn from.\n".repeat(10));
    }

    @Test
    void aPluginNamedInTheFileAddsTheAttentionTheFileUses() throws IOException {
        Path file = Files.writeString(temp.resolve("plugged.yaml"), FILE);
        CliRun run = CliRun.of("run", file.toString(), "--check");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("      temperature: 2.5\n"), run.out());
        assertTrue(run.out().contains("  gpt: gpt-tiny, decoder 2 x 128, 4 heads, temperature attention, learned positions, context 128,"
                + " vocabulary 300\n"), run.out());
        assertTrue(run.out().contains("    pretrain: smoothed-lm on corpus, 10 steps of 4 x 32 tokens, lr 4.0E-4\n"), run.out());
        assertTrue(run.out().contains("sweep: 2 points\n  seed=5 ("), run.out());
        assertTrue(run.out().endsWith("check: plugged.yaml is valid; nothing was run\n"), run.out());
    }

    @Test
    void withoutThePluginTheNameIsUnknown() throws IOException {
        Path file = Files.writeString(temp.resolve("unplugged.yaml"), FILE.replace("plugins: [org.example.lmlab.ExamplePlugin]\n", ""));
        CliRun run = CliRun.of("run", file.toString(), "--check");
        assertEquals(2, run.code());
        assertEquals(List.of("lmlab: unplugged.yaml: models.gpt.model.block.attention.type: unknown type 'temperature'; known:"
                + " grouped-query, multi-head, multi-query, sliding-window",
                "lmlab: unplugged.yaml: models.gpt.objective.type: unknown type 'smoothed-lm'; known: causal-lm, classification,"
                        + " instruction, masked-lm"), run.errLines());
    }

    @Test
    void aMissingPluginClassIsOneLineNamingTheFile() throws IOException {
        Path file = Files.writeString(temp.resolve("missing.yaml"), FILE.replace("org.example.lmlab.ExamplePlugin", "org.example.lmlab.Nope"));
        CliRun run = CliRun.of("run", file.toString(), "--check");
        assertEquals(2, run.code());
        assertEquals(List.of("lmlab: missing.yaml: plugins: org.example.lmlab.Nope: no such class on the class path"
                + " (add its jar with LMLAB_CLASSPATH)"), run.errLines());
    }

    @Test
    void everyErrorIsPrintedOnItsOwnLine() throws IOException {
        Path file = Files.writeString(temp.resolve("bad.yaml"), FILE.replace("steps: 10", "steps: -1").replace("name: plugged", "name: Plugged")
                .replace("path: corpus.txt", "path: none.txt"));
        CliRun run = CliRun.of("run", file.toString(), "--check");
        assertEquals(2, run.code());
        assertEquals(List.of("lmlab: bad.yaml: name: 'Plugged' must be lower-case letters, digits and '-'",
                "lmlab: bad.yaml: pretrain.data.path: no such file " + temp.toAbsolutePath().resolve("none.txt"),
                "lmlab: bad.yaml: pretrain.train.steps: must not be negative, got -1"), run.errLines());
        assertEquals("", run.out());
    }

    @Test
    void thePrintedConfigIsAFileThatChecksToTheSameHash() throws IOException {
        Path file = Files.writeString(temp.resolve("plugged.yaml"), FILE);
        CliRun printed = CliRun.of("run", file.toString(), "--print-config", "--set", "pretrain.train.steps=12");
        assertEquals(0, printed.code(), printed.err());
        Path again = Files.writeString(temp.resolve("again.yaml"), printed.out());
        CliRun first = CliRun.of("run", file.toString(), "--check", "--set", "pretrain.train.steps=12");
        CliRun second = CliRun.of("run", again.toString(), "--check");
        assertEquals(0, second.code(), second.err());
        String header = first.out().lines().filter(line -> line.startsWith("experiment plugged (")).findFirst().orElseThrow();
        assertEquals(header, second.out().lines().filter(line -> line.startsWith("experiment plugged (")).findFirst().orElseThrow());
        assertTrue(printed.out().contains("    steps: 12\n"), printed.out());
    }
}
