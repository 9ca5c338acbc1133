package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.models.reference.BertFixture;
import org.lmlab.models.reference.Gpt2Fixture;
import org.lmlab.models.reference.HfCheckpointFixtures;
import org.lmlab.models.reference.ReferenceBert;
import org.lmlab.models.reference.ReferenceGpt2;
import org.lmlab.tokenizers.Tokenizers;

/**
 * {@code score}, {@code generate} and {@code model info} on Hugging Face-layout checkpoints the
 * test writes, checked against the independent float64 reference models.
 */
class ModelCommandsTest {

    private static final Pattern SCORE = Pattern.compile("loss=(\\S+) ppl=(\\S+) tokens=(\\d+)");

    @Test
    void scoreIdsOfAGpt2CheckpointPrintsTheReferenceLoss(@TempDir Path model) throws IOException {
        HfCheckpointFixtures.writeGpt2(model, Gpt2Fixture.small(301));
        int[] ids = {5, 17, 42, 8, 33, 1, 60, 12, 7, 29};
        CliRun result = CliRun.of("score", "--model", model.toString(), "--ids", "5,17,42,8,33,1,60,12,7,29");
        assertEquals(0, result.code(), result.err());
        Matcher line = SCORE.matcher(result.out().strip());
        assertTrue(line.matches(), result.out());
        double expected = ReferenceGpt2.load(model).meanNextTokenLoss(ids);
        assertEquals(expected, Double.parseDouble(line.group(1)), 1e-5);
        assertEquals(Math.exp(expected), Double.parseDouble(line.group(2)), 1e-3);
        assertEquals("9", line.group(3));
    }

    @Test
    void scoreTextUsesGpt2BpeForAGpt2Model(@TempDir Path model) throws IOException {
        Gpt2Fixture fixture = Gpt2Fixture.small(302);
        HfCheckpointFixtures.writeGpt2(model, new Gpt2Fixture(302, 50257, 32, 16, 1, 2, 32, true,
                Gpt2Fixture.LmHead.TIED_OMITTED, false, fixture.dtype()));
        String text = "It had always been his fate to be the last.";
        int[] ids = Tokenizers.standard().resolve("gpt2").encode(text);
        CliRun result = CliRun.of("score", "--model", model.toString(), "--text", text);
        assertEquals(0, result.code(), result.err());
        String expected = String.format(Locale.ROOT, "loss=%.6f", ReferenceGpt2.load(model).meanNextTokenLoss(ids));
        assertTrue(result.out().startsWith(expected.substring(0, expected.length() - 2)), result.out() + " vs " + expected);
        assertTrue(result.out().strip().endsWith("tokens=" + (ids.length - 1)), result.out());
    }

    @Test
    void scoreOfABertCheckpointIsThePseudoLogLikelihood(@TempDir Path model) throws IOException {
        HfCheckpointFixtures.writeBert(model, new BertFixture(303, 30522, 32, 16, 1, 2, 32, 2, false, false, true,
                BertFixture.small(1).dtype()));
        String text = "The quick brown fox.";
        int[] words = Tokenizers.standard().resolve("bert-base-uncased").encode(text);
        int[] framed = new int[words.length + 2];
        framed[0] = 101;
        System.arraycopy(words, 0, framed, 1, words.length);
        framed[framed.length - 1] = 102;
        CliRun result = CliRun.of("score", "--model", model.toString(), "--text", text);
        assertEquals(0, result.code(), result.err());
        Matcher line = SCORE.matcher(result.out().strip());
        assertTrue(line.matches(), result.out());
        double expected = ReferenceBert.load(model).pseudoLogLikelihoodLoss(framed, 103, Set.of(0, 101, 102));
        assertEquals(expected, Double.parseDouble(line.group(1)), 1e-5);
        assertEquals(String.valueOf(words.length), line.group(3));
    }

    @Test
    void generateContinuesGreedilyAndTheCacheChangesNothing(@TempDir Path model) throws IOException {
        Gpt2Fixture fixture = Gpt2Fixture.small(304);
        HfCheckpointFixtures.writeGpt2(model, new Gpt2Fixture(304, 50257, 64, 16, 1, 2, 32, false,
                Gpt2Fixture.LmHead.TIED_OMITTED, false, fixture.dtype()));
        CliRun cached = CliRun.of("generate", "--model", model.toString(), "--prompt", "Hello", "--max-new-tokens", "12");
        CliRun uncached = CliRun.of("generate", "--model", model.toString(), "--prompt", "Hello", "--max-new-tokens", "12", "--no-cache");
        assertEquals(0, cached.code(), cached.err());
        assertEquals(cached.out(), uncached.out());
        // Greedy decoding of the reference model gives the same continuation.
        ReferenceGpt2 reference = ReferenceGpt2.load(model);
        var gpt2 = Tokenizers.standard().resolve("gpt2");
        int[] sequence = gpt2.encode("Hello");
        int[] generated = new int[12];
        for (int step = 0; step < 12; step++) {
            double[][] logits = reference.logits(sequence);
            double[] last = logits[logits.length - 1];
            int best = 0;
            for (int v = 1; v < last.length; v++) {
                best = last[v] > last[best] ? v : best;
            }
            generated[step] = best;
            sequence = java.util.Arrays.copyOf(sequence, sequence.length + 1);
            sequence[sequence.length - 1] = best;
        }
        assertEquals(gpt2.decode(generated) + System.lineSeparator(), cached.out());
    }

    @Test
    void sampledGenerationIsReproducibleForASeed(@TempDir Path model) throws IOException {
        HfCheckpointFixtures.writeGpt2(model, new Gpt2Fixture(305, 50257, 64, 16, 1, 2, 32, false,
                Gpt2Fixture.LmHead.TIED_OMITTED, false, Gpt2Fixture.small(1).dtype()));
        String[] args = {"generate", "--model", model.toString(), "--prompt", "Once", "--max-new-tokens", "10",
            "--temperature", "1.2", "--top-k", "50", "--top-p", "0.9", "--seed", "7"};
        CliRun first = CliRun.of(args);
        assertEquals(0, first.code(), first.err());
        assertEquals(first.out(), CliRun.of(args).out());
    }

    @Test
    void modelInfoPrintsTheExactParameterCount() {
        CliRun gpt2 = CliRun.of("model", "info", "--preset", "gpt2-124m");
        assertEquals(0, gpt2.code(), gpt2.err());
        assertTrue(gpt2.out().contains("parameters: 124,439,808"), gpt2.out());
        CliRun all = CliRun.of("model", "info");
        assertTrue(all.out().contains("bert-base        encoder      12    768     12      512   30522     110,104,890"), all.out());
    }

    @Test
    void benchGenerateReportsBothRatesAndThatTheyAgree() {
        CliRun result = CliRun.of("bench", "generate", "--preset", "gpt-tiny", "--new-tokens", "8", "--prompt-tokens", "4");
        assertEquals(0, result.code(), result.err());
        assertTrue(Pattern.compile("cached_tokens_per_s=\\S+ uncached_tokens_per_s=\\S+ speedup=\\S+ identical=true")
                .matcher(result.out()).find(), result.out());
    }

    @Test
    void mistakesAreOneLineAndExitTwo(@TempDir Path empty) throws IOException {
        CliRun unknownPreset = CliRun.of("model", "info", "--preset", "gpt5");
        assertEquals(2, unknownPreset.code());
        assertTrue(unknownPreset.err().startsWith("lmlab: unknown model preset 'gpt5'; known: "), unknownPreset.err());
        CliRun noModel = CliRun.of("score", "--model", empty.resolve("nothing").toString(), "--ids", "1,2");
        assertEquals(2, noModel.code());
        assertEquals(1, noModel.err().lines().count(), noModel.err());
        assertTrue(noModel.err().contains("nothing"), noModel.err());
        CliRun twoInputs = CliRun.of("score", "--model", empty.toString(), "--ids", "1,2", "--text", "x");
        assertEquals(2, twoInputs.code());
        Files.writeString(empty.resolve("config.json"), "{\"model_type\": \"gpt2\", \"n_embd\": 16");
        CliRun badConfig = CliRun.of("score", "--model", empty.toString(), "--ids", "1,2");
        assertEquals(2, badConfig.code());
        assertTrue(badConfig.err().contains("config.json"), badConfig.err());
    }
}
