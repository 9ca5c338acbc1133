package org.lmlab.models.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.models.hf.BertHfConfig;
import org.lmlab.models.safetensors.Dtype;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.models.safetensors.SafetensorsFile;
import org.lmlab.models.safetensors.SafetensorsWriter;

/** The reference BERT against hand arithmetic, its invariants, and the checkpoint layout variants. */
class ReferenceBertTest {

    private static final int CLS = 1;
    private static final int SEP = 2;
    private static final int MASK = 3;
    private static final int PAD = 0;
    private static final Set<Integer> SPECIAL = Set.of(PAD, CLS, SEP, MASK);
    private static final int[] IDS = {CLS, 15, 40, 7, 88, 23, 61, SEP};

    @TempDir
    Path directory;

    /**
     * One layer, width 2, one head, vocabulary 3, intermediate width 2, ids [2, 0] with token
     * types [0, 1], every weight typed in and the forward pass worked out with scalars
     * (nn.Linear: out_o = b_o + W[o][0] x0 + W[o][1] x1). Width-2 LayerNorm has the closed form
     * [s, -s] with s = d / sqrt(d^2 + eps), d = (x0 - x1) / 2; eps is 0.25.
     */
    @Test
    void matchesAHandComputedOneLayerModel() throws IOException {
        double eps = 0.25;
        BertHfConfig config = BertHfConfig.of(3, 2, 1, 1, 2, 4).withLayerNormEps(eps);
        new TinyCheckpoint()
                .matrix("bert.embeddings.word_embeddings.weight", new double[][] {{1.0, -0.5}, {0.25, 0.75}, {-1.0, 0.5}})
                .matrix("bert.embeddings.position_embeddings.weight", new double[][] {{0.5, 0}, {-0.25, 0.25}, {0, 0}, {0, 0}})
                .matrix("bert.embeddings.token_type_embeddings.weight", new double[][] {{0.125, -0.125}, {-0.375, 0.25}})
                .vector("bert.embeddings.LayerNorm.weight", 1.5, 0.5).vector("bert.embeddings.LayerNorm.bias", 0.25, -0.5)
                .matrix("bert.encoder.layer.0.attention.self.query.weight", new double[][] {{0.5, -1.0}, {0.25, 0.5}})
                .vector("bert.encoder.layer.0.attention.self.query.bias", 0.125, 0)
                .matrix("bert.encoder.layer.0.attention.self.key.weight", new double[][] {{1.0, 0.25}, {-0.5, 1.0}})
                .vector("bert.encoder.layer.0.attention.self.key.bias", -0.25, 0.375)
                .matrix("bert.encoder.layer.0.attention.self.value.weight", new double[][] {{2.0, 0.5}, {-0.5, 1.5}})
                .vector("bert.encoder.layer.0.attention.self.value.bias", 0.0625, -0.125)
                .matrix("bert.encoder.layer.0.attention.output.dense.weight", new double[][] {{1.0, -0.5}, {0.5, 2.0}})
                .vector("bert.encoder.layer.0.attention.output.dense.bias", 0.125, -0.25)
                .vector("bert.encoder.layer.0.attention.output.LayerNorm.weight", 0.75, 1.25)
                .vector("bert.encoder.layer.0.attention.output.LayerNorm.bias", -0.125, 0.25)
                .matrix("bert.encoder.layer.0.intermediate.dense.weight", new double[][] {{1.5, 0.5}, {-0.75, 1.0}})
                .vector("bert.encoder.layer.0.intermediate.dense.bias", 0.25, -0.5)
                .matrix("bert.encoder.layer.0.output.dense.weight", new double[][] {{0.5, 1.25}, {-1.0, 0.25}})
                .vector("bert.encoder.layer.0.output.dense.bias", 0.0625, 0.125)
                .vector("bert.encoder.layer.0.output.LayerNorm.weight", 1.25, 0.75)
                .vector("bert.encoder.layer.0.output.LayerNorm.bias", 0.125, -0.0625)
                .matrix("bert.pooler.dense.weight", new double[][] {{1.0, 0.5}, {-0.25, 0.75}})
                .vector("bert.pooler.dense.bias", 0.125, -0.125)
                .matrix("cls.predictions.transform.dense.weight", new double[][] {{0.75, -0.25}, {0.5, 1.0}})
                .vector("cls.predictions.transform.dense.bias", -0.125, 0.25)
                .vector("cls.predictions.transform.LayerNorm.weight", 2.0, 0.5)
                .vector("cls.predictions.transform.LayerNorm.bias", 0.5, -0.25)
                .vector("cls.predictions.bias", 0.125, -0.25, 0.5)
                .writeTo(directory, config);

        // Embeddings: word 2 + position 0 + type 0; word 0 + position 1 + type 1; then LayerNorm.
        double[] x0 = ln2(-1.0 + 0.5 + 0.125, 0.5 + 0 - 0.125, eps, 1.5, 0.5, 0.25, -0.5);
        double[] x1 = ln2(1.0 - 0.25 - 0.375, -0.5 + 0.25 + 0.25, eps, 1.5, 0.5, 0.25, -0.5);
        double[] q0 = {0.125 + 0.5 * x0[0] - 1.0 * x0[1], 0 + 0.25 * x0[0] + 0.5 * x0[1]};
        double[] q1 = {0.125 + 0.5 * x1[0] - 1.0 * x1[1], 0 + 0.25 * x1[0] + 0.5 * x1[1]};
        double[] k0 = {-0.25 + 1.0 * x0[0] + 0.25 * x0[1], 0.375 - 0.5 * x0[0] + 1.0 * x0[1]};
        double[] k1 = {-0.25 + 1.0 * x1[0] + 0.25 * x1[1], 0.375 - 0.5 * x1[0] + 1.0 * x1[1]};
        double[] v0 = {0.0625 + 2.0 * x0[0] + 0.5 * x0[1], -0.125 - 0.5 * x0[0] + 1.5 * x0[1]};
        double[] v1 = {0.0625 + 2.0 * x1[0] + 0.5 * x1[1], -0.125 - 0.5 * x1[0] + 1.5 * x1[1]};
        // Bidirectional: both positions attend to both, weight of key 0 = 1 / (1 + exp(s1 - s0)).
        double p00 = 1 / (1 + Math.exp((q0[0] * k1[0] + q0[1] * k1[1] - q0[0] * k0[0] - q0[1] * k0[1]) / Math.sqrt(2)));
        double p10 = 1 / (1 + Math.exp((q1[0] * k1[0] + q1[1] * k1[1] - q1[0] * k0[0] - q1[1] * k0[1]) / Math.sqrt(2)));
        double[] c0 = {p00 * v0[0] + (1 - p00) * v1[0], p00 * v0[1] + (1 - p00) * v1[1]};
        double[] c1 = {p10 * v0[0] + (1 - p10) * v1[0], p10 * v0[1] + (1 - p10) * v1[1]};
        double[] h0 = layerTail(x0, c0, eps);
        double[] h1 = layerTail(x1, c1, eps);
        double[][] expected = {headLogits(h0, eps), headLogits(h1, eps)};

        ReferenceBert model = ReferenceBert.load(directory);
        int[] ids = {2, 0};
        int[] types = {0, 1};
        double[][] logits = model.logits(ids, types, null);
        for (int t = 0; t < 2; t++) {
            assertArrayEquals(expected[t], logits[t], 1e-12, "position " + t);
        }
        assertArrayEquals(h0, model.hiddenStates(ids, types, null)[0], 1e-12);
        double[] pooled = {Math.tanh(0.125 + 1.0 * h0[0] + 0.5 * h0[1]), Math.tanh(-0.125 - 0.25 * h0[0] + 0.75 * h0[1])};
        assertArrayEquals(pooled, model.pooled(ids, types, null), 1e-12);
        assertTrue(Math.abs(p00 - 0.5) > 0.05 && Math.abs(p10 - 0.5) > 0.05, p00 + " " + p10);
    }

    /** attention.output.dense + residual + LayerNorm, intermediate + gelu, output.dense + residual + LayerNorm. */
    private static double[] layerTail(double[] x, double[] c, double eps) {
        double[] a = ln2(x[0] + 0.125 + 1.0 * c[0] - 0.5 * c[1], x[1] - 0.25 + 0.5 * c[0] + 2.0 * c[1], eps, 0.75, 1.25, -0.125, 0.25);
        double i0 = gelu(0.25 + 1.5 * a[0] + 0.5 * a[1]);
        double i1 = gelu(-0.5 - 0.75 * a[0] + 1.0 * a[1]);
        return ln2(a[0] + 0.0625 + 0.5 * i0 + 1.25 * i1, a[1] + 0.125 - 1.0 * i0 + 0.25 * i1, eps, 1.25, 0.75, 0.125, -0.0625);
    }

    /** transform.dense + gelu + LayerNorm, then the decoder tied to the word embeddings plus cls.predictions.bias. */
    private static double[] headLogits(double[] h, double eps) {
        double[] t = ln2(gelu(-0.125 + 0.75 * h[0] - 0.25 * h[1]), gelu(0.25 + 0.5 * h[0] + 1.0 * h[1]), eps, 2.0, 0.5, 0.5, -0.25);
        return new double[] {0.125 + t[0] * 1.0 + t[1] * -0.5, -0.25 + t[0] * 0.25 + t[1] * 0.75, 0.5 + t[0] * -1.0 + t[1] * 0.5};
    }

    private static double[] ln2(double x0, double x1, double eps, double g0, double g1, double b0, double b1) {
        double d = (x0 - x1) / 2;
        double s = d / Math.sqrt(d * d + eps);
        return new double[] {s * g0 + b0, -s * g1 + b1};
    }

    private static double gelu(double x) {
        return 0.5 * x * (1 + Erf.erf(x / Math.sqrt(2)));
    }

    @Test
    void everyPositionSeesTheWholeSequence() throws IOException {
        ReferenceBert model = load(BertFixture.small(1));
        double[][] original = model.logits(IDS);
        int[] changed = IDS.clone();
        changed[6] = 9;
        double[][] altered = model.logits(changed);
        for (int t = 0; t < IDS.length; t++) {
            assertFalse(Arrays.equals(original[t], altered[t]), "position " + t + " must see the last word");
        }
    }

    @Test
    void paddedPositionsAreInvisibleToTheOthers() throws IOException {
        ReferenceBert model = load(BertFixture.small(2));
        int[] padded = {CLS, 15, 40, SEP, PAD, PAD};
        boolean[] mask = {true, true, true, true, false, false};
        double[][] withPadding = model.logits(padded, null, mask);
        int[] otherPadding = {CLS, 15, 40, SEP, 70, 71};
        double[][] withOtherPadding = model.logits(otherPadding, null, mask);
        double[][] unpadded = model.logits(new int[] {CLS, 15, 40, SEP});
        for (int t = 0; t < 4; t++) {
            assertArrayEquals(withPadding[t], withOtherPadding[t], 0.0, "ids under the mask must not matter");
            assertArrayEquals(unpadded[t], withPadding[t], 1e-12, "padding must act like absence");
        }
        assertFalse(Arrays.equals(withPadding[1], model.logits(padded)[1]), "without the mask, padding is seen");
        assertThrows(IllegalArgumentException.class, () -> model.logits(padded, null, new boolean[6]));
    }

    @Test
    void tokenTypesChangeTheOutput() throws IOException {
        ReferenceBert model = load(BertFixture.small(3));
        int[] types = {0, 0, 0, 0, 1, 1, 1, 1};
        double[][] zeros = model.logits(IDS);
        assertArrayEquals(zeros[0], model.logits(IDS, new int[IDS.length], null)[0], 0.0);
        assertFalse(Arrays.equals(zeros[0], model.logits(IDS, types, null)[0]));
        assertThrows(IllegalArgumentException.class, () -> model.logits(IDS, new int[] {0, 0, 0, 0, 2, 0, 0, 0}, null));
    }

    @Test
    void pseudoLogLikelihoodIsTheMeanOverThreeExplicitMaskedPasses() throws IOException {
        ReferenceBert model = load(BertFixture.small(4));
        int[] ids = {CLS, 10, 20, 30, SEP};
        double first = -logSoftmax(model.logits(new int[] {CLS, MASK, 20, 30, SEP})[1], 10);
        double second = -logSoftmax(model.logits(new int[] {CLS, 10, MASK, 30, SEP})[2], 20);
        double third = -logSoftmax(model.logits(new int[] {CLS, 10, 20, MASK, SEP})[3], 30);
        assertEquals((first + second + third) / 3, model.pseudoLogLikelihoodLoss(ids, MASK, SPECIAL), 1e-12);
        assertTrue(first > 0 && second > 0 && third > 0);
        assertThrows(IllegalArgumentException.class,
                () -> model.pseudoLogLikelihoodLoss(new int[] {CLS, SEP}, MASK, SPECIAL));
    }

    private static double logSoftmax(double[] logits, int index) {
        double logSumExp = Math.log(Arrays.stream(logits).map(Math::exp).sum());
        return logits[index] - logSumExp;
    }

    @Test
    void poolerIsTanhOfTheDenseLayerOnTheFirstToken() throws IOException {
        Path dir = Files.createDirectory(directory.resolve("pooled"));
        HfCheckpointFixtures.writeBert(dir, BertFixture.small(5));
        ReferenceBert model = ReferenceBert.load(dir);
        double[] first = model.hiddenStates(IDS, null, null)[0];
        float[] weight;
        float[] bias;
        try (SafetensorsFile file = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            weight = file.floats("bert.pooler.dense.weight");
            bias = file.floats("bert.pooler.dense.bias");
        }
        double[] pooled = model.pooled(IDS, null, null);
        for (int o = 0; o < 16; o++) {
            double sum = bias[o];
            for (int i = 0; i < 16; i++) {
                sum += weight[o * 16 + i] * first[i];
            }
            assertEquals(Math.tanh(sum), pooled[o], 1e-12);
        }
        ReferenceBert withoutPooler = load(BertFixture.small(5).withPooler(false));
        assertFalse(withoutPooler.hasPooler());
        assertThrows(IllegalStateException.class, () -> withoutPooler.pooled(IDS, null, null));
        assertTrue(Arrays.deepEquals(model.logits(IDS), withoutPooler.logits(IDS)));
    }

    @Test
    void legacyNormNamesAndExplicitDecoderCopiesDoNotChangeTheLogits() throws IOException {
        double[][] plain = load(BertFixture.small(6)).logits(IDS);
        double[][] variant = load(BertFixture.small(6).withLegacyNormNames(true).withExplicitDecoder(true)).logits(IDS);
        assertTrue(Arrays.deepEquals(plain, variant));
        for (double[] row : plain) {
            double mean = Arrays.stream(row).average().orElseThrow();
            double std = Math.sqrt(Arrays.stream(row).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
            assertTrue(std > 0.5, "logits must differ clearly across tokens, std " + std);
            assertEquals(1.0, Arrays.stream(ReferenceMath.softmax(row)).sum(), 1e-12);
        }
    }

    @Test
    void halfPrecisionCheckpointsGiveNearbyLogits() throws IOException {
        double[][] f32 = load(BertFixture.small(7)).logits(IDS);
        double[][] f16 = load(BertFixture.small(7).withDtype(Dtype.F16)).logits(IDS);
        assertFalse(Arrays.deepEquals(f32, f16));
        for (int t = 0; t < IDS.length; t++) {
            assertArrayEquals(f32[t], f16[t], 0.05);
        }
    }

    @Test
    void refusesADecoderThatContradictsTyingAndUnknownTensors() throws IOException {
        Path dir = Files.createDirectory(directory.resolve("untied"));
        List<HostTensor> tensors = new ArrayList<>(HfCheckpointFixtures.writeBert(dir, BertFixture.small(8)));
        tensors.add(new HostTensor("cls.predictions.decoder.weight", new long[] {97, 16}, new float[97 * 16]));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, Map.of());
        IllegalArgumentException decoder = assertThrows(IllegalArgumentException.class, () -> ReferenceBert.load(dir));
        assertTrue(decoder.getMessage().contains("ties them"), decoder.getMessage());

        tensors.remove(tensors.size() - 1);
        tensors.add(new HostTensor("bert.encoder.layer.0.attention.self.distance_embedding.weight", new long[] {1}, new float[1]));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, Map.of());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ReferenceBert.load(dir));
        assertTrue(unknown.getMessage().contains("distance_embedding"), unknown.getMessage());
    }

    private ReferenceBert load(BertFixture fixture) throws IOException {
        Path dir = Files.createTempDirectory(directory, "bert-");
        HfCheckpointFixtures.writeBert(dir, fixture);
        return ReferenceBert.load(dir);
    }
}
