package org.lmlab.models.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.models.reference.Gpt2Fixture.LmHead;
import org.lmlab.models.safetensors.Dtype;

/**
 * The references against a second, independent implementation: {@code numpy_reference.py} in
 * this folder (NumPy float64, its own safetensors parser, vectorised attention) run on the same
 * fixture files. Regenerate with the commands in that script's docstring after writing the
 * fixtures below; the values only change if the fixture writer or the conversions change.
 */
class NumpyGoldenValuesTest {

    private static final int[] GPT2_IDS = {5, 17, 3, 96, 0, 41, 41, 8, 60, 12, 77, 29};
    private static final int[] BERT_IDS = {1, 15, 40, 7, 88, 2};
    private static final double TOLERANCE = 1e-10;

    @TempDir
    Path directory;

    @Test
    void gpt2WithTransformerPrefix() throws IOException {
        ReferenceGpt2 model = gpt2(Gpt2Fixture.small(2024).withTransformerPrefix(true));
        double[][] logits = model.logits(GPT2_IDS);
        assertArrayEquals(new double[] {1.8031879817163892, -0.6551187824784117, 1.037666279320045, -0.3407329298217452,
                1.8396792822925463, 1.9236301461491998}, Arrays.copyOf(logits[GPT2_IDS.length - 1], 6), TOLERANCE);
        assertEquals(337.8320265109212, sum(logits), 1e-9);
        assertEquals(7.384090437783393, model.meanNextTokenLoss(GPT2_IDS), TOLERANCE);
    }

    @Test
    void gpt2UntiedBf16() throws IOException {
        ReferenceGpt2 model = gpt2(Gpt2Fixture.small(2024).withLmHead(LmHead.UNTIED).withDtype(Dtype.BF16));
        double[][] logits = model.logits(GPT2_IDS);
        assertArrayEquals(new double[] {-2.7313289234037352, -1.0555863376272547, 0.5273987210473614, -0.9976714101465981,
                1.1352876865912742, -2.470434606699786}, Arrays.copyOf(logits[GPT2_IDS.length - 1], 6), TOLERANCE);
        assertEquals(-5.436560228485362, sum(logits), 1e-9);
        assertEquals(6.482881863680621, model.meanNextTokenLoss(GPT2_IDS), TOLERANCE);
    }

    @Test
    void bert() throws IOException {
        ReferenceBert model = bert(BertFixture.small(2024));
        double[][] logits = model.logits(BERT_IDS);
        assertArrayEquals(new double[] {2.712901634279215, 1.42225843117125, 3.6425795282704354, -0.9315949046014009,
                -0.7781826422216929, 0.30026482793924014}, Arrays.copyOf(logits[BERT_IDS.length - 1], 6), TOLERANCE);
        assertEquals(184.91953276311028, sum(logits), 1e-9);
        assertEquals(5.390510329735026, model.pseudoLogLikelihoodLoss(BERT_IDS, 3, Set.of(0, 1, 2, 3)), TOLERANCE);
    }

    @Test
    void bertLegacyNamesF16() throws IOException {
        ReferenceBert model = bert(BertFixture.small(2024).withLegacyNormNames(true).withExplicitDecoder(true).withDtype(Dtype.F16));
        double[][] logits = model.logits(BERT_IDS);
        assertArrayEquals(new double[] {2.7035027391239383, 1.4225143641836877, 3.6414629863625247, -0.9262021469644242,
                -0.7833751978436366, 0.293223211648527}, Arrays.copyOf(logits[BERT_IDS.length - 1], 6), TOLERANCE);
        assertEquals(184.8001256079312, sum(logits), 1e-9);
        assertEquals(5.389354853193614, model.pseudoLogLikelihoodLoss(BERT_IDS, 3, Set.of(0, 1, 2, 3)), TOLERANCE);
    }

    private static double sum(double[][] values) {
        return Arrays.stream(values).flatMapToDouble(Arrays::stream).sum();
    }

    private ReferenceGpt2 gpt2(Gpt2Fixture fixture) throws IOException {
        Path dir = Files.createTempDirectory(directory, "gpt2-");
        HfCheckpointFixtures.writeGpt2(dir, fixture);
        return ReferenceGpt2.load(dir);
    }

    private ReferenceBert bert(BertFixture fixture) throws IOException {
        Path dir = Files.createTempDirectory(directory, "bert-");
        HfCheckpointFixtures.writeBert(dir, fixture);
        return ReferenceBert.load(dir);
    }
}
