package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.training.data.TokenCache;
import org.lmlab.training.run.TrainJob;

/**
 * A run directory written by lmlab before file formats were versioned (format 1: corpus path and
 * SHA-256 at the top of train.json, every attention knob on every variant), stopped at its
 * step-3 checkpoint, resumes under today's code to exactly the final weights and metrics the
 * old code wrote when it ran straight through to step 6. The fixture was made with commit
 * 9806661's {@code lmlab train} (a 1-layer, 16-wide GPT on a 300-token BPE of the-verdict's
 * first 6,000 bytes, one intra-op thread as the test JVMs use); only its absolute paths were
 * replaced by {@code @FIXTURE@}.
 */
class Format1RunTest {

    @TempDir
    Path temp;

    private Path fixture;

    @BeforeEach
    void copyFixture() throws IOException, URISyntaxException {
        Path source = Path.of(getClass().getResource("/format1-run").toURI());
        fixture = temp.resolve("format1-run");
        try (Stream<Path> files = Files.walk(source)) {
            files.forEach(file -> copy(file, fixture.resolve(source.relativize(file).toString())));
        }
        Path config = fixture.resolve("run").resolve("train.json");
        Files.writeString(config, Files.readString(config).replace("@FIXTURE@", fixture.toString()));
    }

    private static void copy(Path from, Path to) {
        try {
            if (Files.isDirectory(from)) {
                Files.createDirectories(to);
            } else {
                Files.copy(from, to);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TrainJob job() {
        return TrainJob.standard().withCache(new TokenCache(temp.resolve("cache")));
    }

    @Test
    void aFormatOneRunResumesBitExactly() throws IOException {
        Path run = fixture.resolve("run");
        assertTrue(Files.readString(run.resolve("train.json")).contains("\"data_sha256\""), "the fixture is format 1");
        TrainSummary summary = job().resume(run, List.of());
        assertEquals(6, summary.steps());
        assertArrayEquals(Files.readAllBytes(fixture.resolve("expected-final-model.safetensors")),
                Files.readAllBytes(run.resolve("model").resolve("model.safetensors")));
        assertEquals(withoutSpeed(Files.readAllLines(fixture.resolve("expected-metrics.jsonl"))),
                withoutSpeed(Files.readAllLines(run.resolve("metrics.jsonl"))));
    }

    @Test
    void aFormatNewerThanThisCodeReadsIsRefusedClearly() throws IOException {
        Path run = fixture.resolve("run");
        Path config = run.resolve("train.json");
        Files.writeString(config, Files.readString(config).replaceFirst("\\{", "{\n  \"format\" : 99,"));
        IOException error = assertThrows(IOException.class, () -> job().resume(run, List.of()));
        assertEquals(config + ": train.json format 99 was written by a newer lmlab; this one reads formats up to 2",
                error.getMessage());
    }

    private static List<String> withoutSpeed(List<String> lines) {
        return lines.stream().map(line -> line.replaceAll("\"tokens_per_s\":[0-9.E]+", "")).toList();
    }
}
