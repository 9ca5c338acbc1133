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
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.models.safetensors.SafetensorsFile;
import org.lmlab.training.data.TokenCache;
import org.lmlab.training.run.TrainJob;

/**
 * A run directory written by lmlab before file formats were versioned (format 1: corpus path and
 * SHA-256 at the top of train.json, every attention knob on every variant), stopped at its
 * step-3 checkpoint, resumes under today's code bit for bit as the same run saved in today's
 * format does, and to the final weights the old code reached running straight to step 6 (to
 * float rounding: the optimizer's arithmetic has since been fused, within one ulp per update). The fixture was made with commit
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
        copyTree(source, fixture);
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
        Path current = temp.resolve("format2-run");
        copyTree(run, current);
        TrainJob job = job();
        job.files().write(current.resolve("train.json"), job.files().read(run.resolve("train.json")));
        assertTrue(Files.readString(current.resolve("train.json")).startsWith("{\n  \"format\" : 2,"));

        TrainSummary summary = job.resume(run, List.of());
        TrainSummary again = job.resume(current, List.of());
        assertEquals(6, summary.steps());
        assertEquals(summary.trainLoss(), again.trainLoss());
        assertEquals(summary.validationLoss(), again.validationLoss());
        assertArrayEquals(Files.readAllBytes(current.resolve("model").resolve("model.safetensors")),
                Files.readAllBytes(run.resolve("model").resolve("model.safetensors")));
        assertEquals(withoutSpeed(Files.readAllLines(current.resolve("metrics.jsonl"))),
                withoutSpeed(Files.readAllLines(run.resolve("metrics.jsonl"))));

        try (SafetensorsFile old = SafetensorsFile.open(fixture.resolve("expected-final-model.safetensors"));
             SafetensorsFile resumed = SafetensorsFile.open(run.resolve("model").resolve("model.safetensors"))) {
            assertEquals(new TreeSet<>(old.names()), new TreeSet<>(resumed.names()));
            for (String name : old.names()) {
                float[] expected = old.tensor(name).data();
                float[] actual = resumed.tensor(name).data();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-6, name + "[" + i + "]");
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(file -> copy(file, to.resolve(from.relativize(file).toString())));
        }
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
