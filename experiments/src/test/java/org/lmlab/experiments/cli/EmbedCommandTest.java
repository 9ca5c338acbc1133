package org.lmlab.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.models.reference.BertFixture;
import org.lmlab.models.reference.Gpt2Fixture;
import org.lmlab.models.reference.HfCheckpointFixtures;
import org.lmlab.models.reference.ReferenceBert;
import org.lmlab.models.reference.ReferenceGpt2;
import org.lmlab.models.safetensors.Dtype;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.Tokenizers;

/**
 * {@code lmlab embed} on checkpoints the test writes: each vector equals what the float64
 * reference computes for that text alone, although the texts are batched with padding.
 */
class EmbedCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Texts of clearly different lengths, so a batch of them is padded. */
    private static final List<String> TEXTS = List.of(
            "The quick brown fox jumps over the lazy dog.",
            "Hi",
            "Embeddings pool the final hidden states.");

    /** A head-less BERT with the bert-base-uncased vocabulary, so the bundled tokenizer applies. */
    private static BertFixture bertModel(long seed) {
        return new BertFixture(seed, 30522, 32, 16, 2, 4, 64, 2, false, false, true, Dtype.F32);
    }

    @Test
    void aBertModelEmbedsEachTextAsTheReferenceMeanOfItsHiddenStates(@TempDir Path model) throws IOException {
        HfCheckpointFixtures.writeBertModel(model, bertModel(601));
        CliRun run = CliRun.withStdin(String.join("\n", TEXTS).concat("\n").getBytes(StandardCharsets.UTF_8),
                "embed", "--model", model.toString(), "--batch", "3");
        assertEquals(0, run.code(), run.err());
        List<JsonNode> lines = parse(run.out());
        assertEquals(TEXTS.size(), lines.size());
        ReferenceBert reference = ReferenceBert.load(model);
        List<double[]> seen = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            int[] framed = framedBert(TEXTS.get(i));
            assertEquals(i, lines.get(i).get("index").asInt());
            assertEquals(framed.length, lines.get(i).get("tokens").asInt());
            double[] expected = mean(reference.hiddenStates(framed, null, null));
            assertVector(expected, lines.get(i).get("embedding"), 1e-5);
            seen.add(expected);
        }
        assertNotEquals(framedBert(TEXTS.get(0)).length, framedBert(TEXTS.get(1)).length);
        assertTrue(Math.abs(seen.get(0)[0] - seen.get(1)[0]) + Math.abs(seen.get(0)[1] - seen.get(1)[1]) > 1e-3,
                "different texts must give different vectors");
    }

    @Test
    void clsPoolingNormalisedOneTextAtATime(@TempDir Path model) throws IOException {
        HfCheckpointFixtures.writeBertModel(model, bertModel(602).withPooler(false));
        CliRun run = CliRun.of("embed", "--model", model.toString(), "--pooling", "cls", "--normalize", "--batch", "1",
                "--text", TEXTS.get(0), "--text", TEXTS.get(2));
        assertEquals(0, run.code(), run.err());
        List<JsonNode> lines = parse(run.out());
        assertEquals(2, lines.size());
        ReferenceBert reference = ReferenceBert.load(model);
        for (int line = 0; line < 2; line++) {
            String text = TEXTS.get(line == 0 ? 0 : 2);
            double[] first = reference.hiddenStates(framedBert(text), null, null)[0];
            double norm = 0;
            for (double value : first) {
                norm += value * value;
            }
            double[] expected = new double[first.length];
            for (int d = 0; d < first.length; d++) {
                expected[d] = first[d] / Math.sqrt(norm);
            }
            assertTrue(Math.sqrt(norm) > 1.5, "the un-normalised vector is not already a unit vector: " + Math.sqrt(norm));
            assertEquals(line, lines.get(line).get("index").asInt());
            assertVector(expected, lines.get(line).get("embedding"), 1e-6);
        }
    }

    @Test
    void aDecoderEmbedsWithLastPoolingUnderPadding(@TempDir Path model) throws IOException {
        HfCheckpointFixtures.writeGpt2(model, new Gpt2Fixture(603, 50257, 32, 16, 1, 2, 32, true,
                Gpt2Fixture.LmHead.TIED_OMITTED, false, Dtype.F32));
        CliRun run = CliRun.withStdin(String.join("\n", TEXTS).getBytes(StandardCharsets.UTF_8),
                "embed", "--model", model.toString(), "--pooling", "last");
        assertEquals(0, run.code(), run.err());
        List<JsonNode> lines = parse(run.out());
        assertEquals(TEXTS.size(), lines.size());
        ReferenceGpt2 reference = ReferenceGpt2.load(model);
        Tokenizer gpt2 = Tokenizers.standard().resolve("gpt2");
        for (int i = 0; i < TEXTS.size(); i++) {
            int[] ids = gpt2.encode(TEXTS.get(i));
            assertEquals(ids.length, lines.get(i).get("tokens").asInt());
            double[][] hidden = reference.hiddenStates(ids);
            assertVector(hidden[ids.length - 1], lines.get(i).get("embedding"), 1e-5);
        }
    }

    @Test
    void mistakesAreOneLineAndExitTwo(@TempDir Path model) throws IOException {
        HfCheckpointFixtures.writeGpt2(model, new Gpt2Fixture(604, 50257, 8, 16, 1, 2, 32, false,
                Gpt2Fixture.LmHead.TIED_OMITTED, false, Dtype.F32));
        CliRun badBatch = CliRun.of("embed", "--model", model.toString(), "--batch", "0", "--text", "x");
        assertEquals(2, badBatch.code());
        assertEquals(List.of("lmlab: --batch: must be at least 1, got 0"), badBatch.errLines());
        CliRun badPooling = CliRun.of("embed", "--model", model.toString(), "--pooling", "max", "--text", "x");
        assertEquals(2, badPooling.code());
        assertEquals(1, badPooling.errLines().size(), badPooling.err());
        assertTrue(badPooling.err().contains("--pooling"), badPooling.err());
        CliRun tooLong = CliRun.of("embed", "--model", model.toString(), "--text", "one", "--text",
                "this text has many more than eight tokens in it, surely");
        assertEquals(2, tooLong.code());
        assertEquals(1, tooLong.errLines().size(), tooLong.err());
        assertTrue(tooLong.err().startsWith("lmlab: text 1: "), tooLong.err());
        assertTrue(tooLong.err().contains("tokens exceed the model's context of 8"), tooLong.err());
        CliRun empty = CliRun.withStdin("a\n\nb\n".getBytes(StandardCharsets.UTF_8), "embed", "--model", model.toString());
        assertEquals(2, empty.code());
        assertEquals(List.of("lmlab: text 1: no tokens to embed"), empty.errLines());
    }

    private static int[] framedBert(String text) throws IOException {
        int[] words = Tokenizers.standard().resolve("bert-base-uncased").encode(text);
        int[] framed = new int[words.length + 2];
        framed[0] = 101;
        System.arraycopy(words, 0, framed, 1, words.length);
        framed[framed.length - 1] = 102;
        return framed;
    }

    private static double[] mean(double[][] rows) {
        double[] mean = new double[rows[0].length];
        for (double[] row : rows) {
            for (int d = 0; d < mean.length; d++) {
                mean[d] += row[d] / rows.length;
            }
        }
        return mean;
    }

    private static List<JsonNode> parse(String out) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static void assertVector(double[] expected, JsonNode actual, double tolerance) {
        assertEquals(expected.length, actual.size());
        for (int d = 0; d < expected.length; d++) {
            assertEquals(expected[d], actual.get(d).asDouble(), tolerance, "dimension " + d);
        }
    }
}
