package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code lmlab bench generate} reports the bandwidth bound and batched rates, with the batches' tokens checked. */
class BenchGenerateCommandTest {

    @Test
    void batchedRatesComeWithTheOneAtATimeTokens() {
        CliRun result = CliRun.of("bench", "generate", "--preset", "gpt-tiny", "--new-tokens", "4", "--prompt-tokens", "4",
                "--skip-uncached", "--prompts", "5", "--batch-new-tokens", "6", "--batch-sizes", "1,2,5");
        assertEquals(0, result.code(), result.err());
        String out = result.out();
        assertTrue(Pattern.compile("weight_mb=\\S+ copy_gb_per_s=\\S+ bandwidth_bound_tokens_per_s=\\S+ cached_vs_bound=\\S+")
                .matcher(out).find(), out);
        // gpt-tiny: 6,846,080 parameters in float32, 27.38 MB.
        assertTrue(out.contains("weight_mb=27.4 "), out);
        assertTrue(out.contains("prompts=5 prompt_tokens=2..8 new_tokens=6"), out);
        assertTrue(out.contains("one_at_a_time sequences_per_s="), out);
        for (int size : new int[] {1, 2, 5}) {
            Matcher line = Pattern.compile("batch=" + size + " sequences_per_s=\\S+ tokens_per_s=\\S+ speedup=\\S+ identical=(\\w+)")
                    .matcher(out);
            assertTrue(line.find(), out);
            assertEquals("true", line.group(1), out);
        }
    }

    @Test
    void aBatchSizeOfZeroIsRefused() {
        CliRun result = CliRun.of("bench", "generate", "--preset", "gpt-tiny", "--batch-sizes", "4,0");
        assertEquals(2, result.code(), result.out());
        assertTrue(result.err().contains("--batch-sizes: must be positive, got 0"), result.err());
    }
}
