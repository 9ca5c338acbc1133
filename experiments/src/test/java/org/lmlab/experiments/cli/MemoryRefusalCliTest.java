package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.training.run.AvailableMemory;

/**
 * {@code lmlab train} in a child JVM told, through the test seam
 * {@code -Dlmlab.available_memory_bytes}, that little memory is available: it exits 2 with the
 * one {@code estimated ... available} line and writes nothing, not even the {@code --out} folder.
 */
class MemoryRefusalCliTest {

    @TempDir
    Path temp;

    private TrainingFiles files;

    @BeforeEach
    void setUp() throws IOException {
        files = TrainingFiles.in(temp, 0f);
    }

    @AfterEach
    void tearDown() {
        TrainingFiles.forget();
    }

    /** The child's exit code, standard output and standard error lines. */
    private record Child(int code, String out, List<String> err) {
    }

    private Child train(String availableBytes, Path out) throws IOException, InterruptedException {
        Path stderr = temp.resolve("stderr-" + availableBytes + ".txt");
        Process process = ChildLmlab.start(stderr, List.of(AvailableMemory.PROPERTY + "=" + availableBytes), "train",
                "--model", files.model().toString(), "--data", files.corpus().toString(), "--steps", "2", "--batch", "2",
                "--out", out.toString());
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the child ends");
        return new Child(process.exitValue(), stdout, Files.readAllLines(stderr));
    }

    @Test
    void trainRefusesARunThatDoesNotFitTheAvailableMemoryWithOneLineAndExitTwo_writingNothing() throws Exception {
        Path out = temp.resolve("run");
        Child refused = train("100000000", out);
        assertEquals(2, refused.code(), refused.err().toString());
        assertEquals(1, refused.err().size(), refused.err().toString());
        String line = refused.err().get(0);
        assertTrue(line.matches("lmlab: estimated \\d+\\.\\d\\d GB for training micro-gpt at batch 2 x context 16 \\(weights"
                + " [^)]*, runtime 0\\.47 GB\\); 0\\.10 GB available: lower --batch or --context"), line);
        assertEquals("", refused.out());
        assertFalse(Files.exists(out), "the --out directory is not created");
    }

    @Test
    void aMalformedInjectedAmountIsOneLineAndExitTwo() throws Exception {
        Path out = temp.resolve("run");
        Child malformed = train("lots", out);
        assertEquals(2, malformed.code(), malformed.err().toString());
        assertEquals(List.of("lmlab: -D" + AvailableMemory.PROPERTY + ": must be a whole number of bytes, got 'lots'"),
                malformed.err());
        assertFalse(Files.exists(out));
    }
}
