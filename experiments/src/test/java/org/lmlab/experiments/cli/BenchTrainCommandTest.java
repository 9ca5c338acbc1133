package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code lmlab bench train} prints its first line in the documented format and sane numbers (no timing asserted). */
class BenchTrainCommandTest {

    private static final Pattern FIRST = Pattern.compile("tokens_per_s=(\\d+\\.\\d) step_ms=(\\d+\\.\\d) model_flops_per_s=(\\S+)");
    private static final Pattern SECOND = Pattern.compile("matmul_flops_per_s=(\\S+) ratio=(\\d+\\.\\d{3})");
    private static final Pattern OPTIMIZER = Pattern.compile(
            "optimizer_ms=(\\d+\\.\\d) optimizer_gb_per_s=(\\d+\\.\\d{2}) copy_gb_per_s=(\\d+\\.\\d{2}) optimizer_vs_copy=(\\d+\\.\\d{3})");
    private static final Pattern PHASES = Pattern.compile("phases_ms: prepare=(-?\\d+\\.\\d) forward_and_loss=(-?\\d+\\.\\d) "
            + "\\(blocks=(-?\\d+\\.\\d) head_and_loss=(-?\\d+\\.\\d)\\) backward=(\\d+\\.\\d) norm=(\\d+\\.\\d) "
            + "optimizer=(\\d+\\.\\d) zero=(\\d+\\.\\d)");

    @Test
    void aTinyBenchmarkPrintsTheDocumentedLines() {
        CliRun run = CliRun.of("bench", "train", "--preset", "gpt-tiny", "--batch", "1", "--context", "8",
            "--steps", "1", "--warmup", "0", "--matmul-size", "32");
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().split("\\R");
        assertEquals(5, lines.length, run.out());
        assertTrue(run.err().contains("bench: step 1/1  "), "progress goes to stderr: " + run.err());
        Matcher first = FIRST.matcher(lines[0]);
        assertTrue(first.matches(), lines[0]);
        double tokensPerSecond = Double.parseDouble(first.group(1));
        double stepMs = Double.parseDouble(first.group(2));
        // Both are printed to one decimal, so their product is off by up to half a unit of each times the other.
        assertEquals(8.0, tokensPerSecond * stepMs / 1000, 0.05 * stepMs / 1000 + 0.05 * tokensPerSecond / 1000 + 1e-9,
                "tokens per step = batch x context");
        assertTrue(SECOND.matcher(lines[1]).matches(), lines[1]);
        Matcher optimizer = OPTIMIZER.matcher(lines[2]);
        assertTrue(optimizer.matches(), lines[2]);
        // GB/s is 7 floats of 4 bytes per parameter over the update's time.
        double ms = Double.parseDouble(optimizer.group(1));
        double gbPerSecond = Double.parseDouble(optimizer.group(2));
        assertEquals(7.0 * 4 * (50257L * 128 + 128 * 128 + 2 * 198_272 + 256) / (ms / 1000) / 1e9, gbPerSecond,
                0.2 * gbPerSecond + 0.01, lines[2]);
        // gpt-tiny: 50257 x 128 tokens + 128 x 128 positions + 2 blocks of 198,272 + the final norm's 256.
        long parameters = 50257L * 128 + 128 * 128 + 2 * 198_272 + 256;
        // 6 x N + 12 x layers x context x width.
        double flopsPerToken = 6.0 * parameters + 12 * 2 * 8 * 128;
        Matcher phases = PHASES.matcher(lines[3]);
        assertTrue(phases.matches(), lines[3]);
        // forward_and_loss is the blocks' forward plus the head and loss, as printed (each rounded to 0.1 ms).
        assertEquals(Double.parseDouble(phases.group(2)), Double.parseDouble(phases.group(3)) + Double.parseDouble(phases.group(4)), 0.11,
                lines[3]);
        assertTrue(lines[4].startsWith(String.format(java.util.Locale.ROOT,
                "preset=gpt-tiny params=%d flops_per_token=%.4g batch=1 context=8 threads=", parameters, flopsPerToken)), lines[4]);
        // The memory estimate: 28 bytes per parameter (weights, gradients, two moments, the checkpoint's copy of all three),
        // 4 x 8 tokens x (2 x (56 x 128 + 5 x 4 x 8) + 2 x 50,257) of activations and 450 MiB: 667,234,880 bytes, 636 MiB.
        assertEquals(667_234_880L, 28L * parameters + 4L * 8 * (2 * (56 * 128 + 5 * 4 * 8) + 2 * 50_257) + (450L << 20));
        assertTrue(lines[4].endsWith(" estimated_mb=636"), lines[4]);
    }

    @Test
    void aContextLongerThanThePresetIsRefused() {
        CliRun run = CliRun.of("bench", "train", "--preset", "gpt-tiny", "--context", "4096");
        assertEquals(2, run.code());
        assertEquals(List.of("lmlab: --context 4096 is longer than gpt-tiny's 128 positions"), run.errLines());
    }
}
