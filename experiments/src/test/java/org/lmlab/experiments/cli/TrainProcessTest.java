package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.example.lmlab.PauseAfterStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lmlab train} as a process: Ctrl-C (SIGINT to a child JVM), and SIGTERM alike (what
 * {@code kill}, systemd and schedulers send), finishes the step, writes a
 * checkpoint and exits 130 with the line that says how to continue; while the child holds the
 * run, a second writer (this JVM) is refused at once with the child's pid; {@code --resume} then
 * ends with exactly the weights of a run that was never interrupted. The child waits after step 3
 * until it is signalled ({@link PauseAfterStep}), so nothing depends on timing.
 */
class TrainProcessTest {

    @TempDir
    Path temp;

    private Path model;
    private Path corpus;

    @BeforeEach
    void setUp() throws IOException {
        TrainingFiles files = TrainingFiles.in(temp, 0.1f);
        model = files.model();
        corpus = files.corpus();
    }

    @AfterEach
    void tearDown() {
        TrainingFiles.forget();
    }

    /** The uninterrupted run the stopped one must equal after its resume. */
    private Path trainStraight() {
        Path straight = temp.resolve("straight");
        CliRun uninterrupted = CliRun.of(train(straight).toArray(String[]::new));
        assertEquals(0, uninterrupted.code(), uninterrupted.err());
        return straight;
    }

    /** A child lmlab train into {@code run} that waits after step 3 until it gets a signal. */
    private Process startPausedAfterStepThree(Path run, Path stderr) throws IOException {
        List<String> args = new ArrayList<>(train(run));
        args.addAll(List.of("--plugin", PauseAfterStep.class.getName()));
        return ChildLmlab.start(stderr, List.of(PauseAfterStep.PROPERTY + "=3"), args.toArray(String[]::new));
    }

    private List<String> train(Path run) {
        return List.of("train", "--model", model.toString(), "--data", corpus.toString(), "--steps", "6", "--batch", "2",
                "--lr", "1e-3", "--eval-every", "2", "--eval-batches", "1", "--log-every", "1", "--out", run.toString());
    }

    @Test
    void ctrlCCheckpointsAndExits130_aSecondWriterIsRefused_andTheResumeIsBitIdentical() throws Exception {
        Path straight = trainStraight();
        Path run = temp.resolve("run");
        Path stderr = temp.resolve("child.err");
        Process child = startPausedAfterStepThree(run, stderr);
        List<String> out = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && !line.startsWith("step 3/6"); line = lines.readLine()) {
                out.add(line);
            }
            assertTrue(child.isAlive(), "the child waits after step 3: " + out + Files.readString(stderr));

            // One writer per run: this process is refused at once, naming the child.
            CliRun second = CliRun.of("train", "--resume", run.toString());
            assertEquals(2, second.code(), second.err());
            assertEquals(List.of("lmlab: " + run + " is in use by another lmlab run (pid " + child.pid() + ", since "),
                    second.errLines().stream().map(line -> line.replaceAll("since \\S+\\); .*", "since ")).toList());
            assertEquals("", second.out());

            new ProcessBuilder("kill", "-INT", String.valueOf(child.pid())).inheritIO().start().waitFor();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.add(line);
            }
        }
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child ends after its checkpoint");
        assertStoppedAtStepThreeAndResumedBitIdentically("SIGINT", child, out, stderr, run, straight);
    }

    @Test
    void sigtermCheckpointsAndExits130_andTheResumeIsBitIdentical() throws Exception {
        Path straight = trainStraight();
        Path run = temp.resolve("run");
        Path stderr = temp.resolve("child.err");
        Process child = startPausedAfterStepThree(run, stderr);
        // Bounded: a child that never reaches step 3 or never stops is killed, which ends the reads below.
        java.util.concurrent.CompletableFuture.delayedExecutor(300, TimeUnit.SECONDS).execute(child::destroyForcibly);
        List<String> out = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && !line.startsWith("step 3/6"); line = lines.readLine()) {
                out.add(line);
            }
            assertTrue(child.isAlive(), "the child waits after step 3: " + out + Files.readString(stderr));
            new ProcessBuilder("kill", "-TERM", String.valueOf(child.pid())).inheritIO().start().waitFor();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.add(line);
            }
        } finally {
            if (!child.waitFor(120, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        assertStoppedAtStepThreeAndResumedBitIdentically("SIGTERM", child, out, stderr, run, straight);
    }

    /** The child stopped by {@code signal} exits 130 after checkpointing step 3 and says how to resume; the resume equals the straight run. */
    private static void assertStoppedAtStepThreeAndResumedBitIdentically(String signal, Process child, List<String> out, Path stderr,
            Path run, Path straight) throws IOException {
        assertEquals(130, child.exitValue(), Files.readString(stderr));
        assertTrue(out.contains("stopping: " + signal + ": finishing this step and writing a checkpoint (send it again to quit at once)"),
                String.join("\n", out));
        assertEquals(List.of("lmlab: stopped by " + signal + " after step 3 of 6; checkpoint " + run.resolve("checkpoints")
                        .resolve("step-000003") + " holds it; continue with: lmlab train --resume " + run),
                Files.readAllLines(stderr));

        CliRun resumed = CliRun.of("train", "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming: 6 steps from step 3"), resumed.out());
        assertArrayEquals(Files.readAllBytes(straight.resolve("model").resolve("model.safetensors")),
                Files.readAllBytes(run.resolve("model").resolve("model.safetensors")));
        assertEquals(withoutSpeed(straight), withoutSpeed(run));
    }

    private static List<String> withoutSpeed(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .map(line -> line.replaceAll("\"tokens_per_s\":[0-9.E]+", "")).toList();
    }
}
