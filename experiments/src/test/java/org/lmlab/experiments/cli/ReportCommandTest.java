package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lmlab report} and {@code lmlab compare} at the command line: reports written, bad input exit 2 with one line. */
class ReportCommandTest {

    @TempDir
    Path temp;

    private Path trainingRun(String name, String lr) throws IOException {
        Path run = Files.createDirectories(temp.resolve(name));
        Files.writeString(run.resolve("train.json"), "{\"format\":2,\"context\":4,\"model\":{\"name\":\"m\"},"
                + "\"train\":{\"batch_size\":2,\"seed\":1,\"schedule\":{\"peak_lr\":" + lr + "}}}\n");
        Files.writeString(run.resolve("metrics.jsonl"), """
                {"step":0,"split":"val","loss":3.0,"targets":8}
                {"step":1,"split":"train","loss":2.5,"lr":0.001,"grad_norm":1.0,"tokens_per_s":10.0,"epoch":0}
                {"step":1,"split":"val","loss":2.0,"targets":8}
                """);
        return run;
    }

    @Test
    void reportAndCompareWriteTheirFiles() throws IOException {
        Path a = trainingRun("a", "0.001");
        Path b = trainingRun("b", "0.002");
        CliRun report = CliRun.of("report", a.toString());
        assertEquals(0, report.code(), report.err());
        assertEquals("report: " + a.resolve("report.html") + " (and report.md, report.json)\n", report.out());
        assertTrue(Files.readString(a.resolve("report.md")).contains("| training | final val loss (step 1) | 2.0000 |"));
        CliRun compare = CliRun.of("compare", a.toString(), b.toString(), "--label", "low", "--label", "high", "--out",
                temp.resolve("cmp").toString());
        assertEquals(0, compare.code(), compare.err());
        String md = Files.readString(temp.resolve("cmp/report.md"));
        assertTrue(md.contains("| train.json:train.schedule.peak_lr | 0.001 | 0.002 |"), md);
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        Path plain = Files.createDirectories(temp.resolve("plain"));
        refused(plain + " is not an lmlab run (no train.json, eval.json or experiment.yaml)", "report", plain.toString());
        Path run = trainingRun("broken", "0.001");
        Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":0,\"split\":\"val\",\"loss\":3.0}\n{oops\n{\"step\":1}\n");
        refused(run.resolve("metrics.jsonl") + ": line 2: not a JSON object", "report", run.toString());
        Path a = trainingRun("a", "0.001");
        refused("--label: 1 labels for 2 runs; give one per run or none", "compare", a.toString(), a.toString(), "--label", "x",
                "--out", temp.resolve("o").toString());
    }

    private static void refused(String expected, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(2, run.code(), run.err());
        assertEquals(List.of("lmlab: " + expected), run.errLines());
        assertEquals("", run.out());
    }
}
