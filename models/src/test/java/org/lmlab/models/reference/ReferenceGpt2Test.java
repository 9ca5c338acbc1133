package org.lmlab.models.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.models.hf.Gpt2HfConfig;
import org.lmlab.models.reference.Gpt2Fixture.LmHead;
import org.lmlab.models.safetensors.Dtype;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.models.safetensors.SafetensorsFile;
import org.lmlab.models.safetensors.SafetensorsWriter;

/** The reference GPT-2 against hand arithmetic, its invariants, and every checkpoint layout variant. */
class ReferenceGpt2Test {

    private static final int[] IDS = {5, 17, 3, 96, 0, 41, 41, 8, 60, 12, 77, 29};

    @TempDir
    Path directory;

    /**
     * One layer, width 2, one head, vocabulary 3, inner width 2; every weight typed in and the
     * forward pass for ids [2, 0] worked out step by step with scalars. Width-2 LayerNorm has
     * the closed form [s, -s] with s = d / sqrt(d^2 + eps), d = (x0 - x1) / 2; eps is 0.25 so
     * that the output depends on magnitudes, not just on signs.
     */
    @Test
    void matchesAHandComputedOneLayerModel() throws IOException {
        double eps = 0.25;
        Gpt2HfConfig config = Gpt2HfConfig.of(3, 4, 2, 1, 1).withNInner(2).withLayerNormEpsilon(eps);
        new TinyCheckpoint()
                .matrix("wte.weight", new double[][] {{1.0, -0.5}, {0.25, 0.75}, {-1.0, 0.5}})
                .matrix("wpe.weight", new double[][] {{0.5, 0.0}, {-0.25, 0.25}, {0, 0}, {0, 0}})
                .vector("h.0.ln_1.weight", 1.5, 0.5).vector("h.0.ln_1.bias", 0.25, -0.5)
                .matrix("h.0.attn.c_attn.weight", new double[][] {{0.5, -1.0, 1.0, 0.25, 2.0, -0.5}, {0.25, 0.5, -0.5, 1.0, 0.5, 1.5}})
                .vector("h.0.attn.c_attn.bias", 0.125, 0, -0.25, 0.375, 0.0625, -0.125)
                .matrix("h.0.attn.c_proj.weight", new double[][] {{1.0, 0.5}, {-0.5, 2.0}})
                .vector("h.0.attn.c_proj.bias", 0.125, -0.25)
                .vector("h.0.ln_2.weight", 0.75, 1.25).vector("h.0.ln_2.bias", -0.125, 0.25)
                .matrix("h.0.mlp.c_fc.weight", new double[][] {{1.5, -0.75}, {0.5, 1.0}})
                .vector("h.0.mlp.c_fc.bias", 0.25, -0.5)
                .matrix("h.0.mlp.c_proj.weight", new double[][] {{0.5, -1.0}, {1.25, 0.25}})
                .vector("h.0.mlp.c_proj.bias", 0.0625, 0.125)
                .vector("ln_f.weight", 2.0, 0.5).vector("ln_f.bias", 0.5, -0.25)
                .writeTo(directory, config);

        // Embeddings: token 2 at position 0, token 0 at position 1.
        double x00 = -1.0 + 0.5, x01 = 0.5 + 0.0;
        double x10 = 1.0 - 0.25, x11 = -0.5 + 0.25;
        // ln_1
        double[] a0 = ln2(x00, x01, eps, 1.5, 0.5, 0.25, -0.5);
        double[] a1 = ln2(x10, x11, eps, 1.5, 0.5, 0.25, -0.5);
        // c_attn: column o of x·W + b, W = [[0.5, -1, 1, 0.25, 2, -0.5], [0.25, 0.5, -0.5, 1, 0.5, 1.5]]
        double q1a = 0.125 + a1[0] * 0.5 + a1[1] * 0.25, q1b = 0 + a1[0] * -1.0 + a1[1] * 0.5;
        double k0a = -0.25 + a0[0] * 1.0 + a0[1] * -0.5, k0b = 0.375 + a0[0] * 0.25 + a0[1] * 1.0;
        double k1a = -0.25 + a1[0] * 1.0 + a1[1] * -0.5, k1b = 0.375 + a1[0] * 0.25 + a1[1] * 1.0;
        double v0a = 0.0625 + a0[0] * 2.0 + a0[1] * 0.5, v0b = -0.125 + a0[0] * -0.5 + a0[1] * 1.5;
        double v1a = 0.0625 + a1[0] * 2.0 + a1[1] * 0.5, v1b = -0.125 + a1[0] * -0.5 + a1[1] * 1.5;
        // Position 0 sees only itself; position 1 mixes both with softmax(q1·k / sqrt 2).
        double s10 = (q1a * k0a + q1b * k0b) / Math.sqrt(2);
        double s11 = (q1a * k1a + q1b * k1b) / Math.sqrt(2);
        double p10 = 1 / (1 + Math.exp(s11 - s10));
        double p11 = 1 - p10;
        double[] ctx0 = {v0a, v0b};
        double[] ctx1 = {p10 * v0a + p11 * v1a, p10 * v0b + p11 * v1b};
        // c_proj W = [[1, 0.5], [-0.5, 2]], b = [0.125, -0.25], plus the residual.
        double[] r0 = {x00 + 0.125 + ctx0[0] * 1.0 + ctx0[1] * -0.5, x01 - 0.25 + ctx0[0] * 0.5 + ctx0[1] * 2.0};
        double[] r1 = {x10 + 0.125 + ctx1[0] * 1.0 + ctx1[1] * -0.5, x11 - 0.25 + ctx1[0] * 0.5 + ctx1[1] * 2.0};
        double[] out0 = mlp(r0, eps);
        double[] out1 = mlp(r1, eps);
        double[] f0 = ln2(out0[0], out0[1], eps, 2.0, 0.5, 0.5, -0.25);
        double[] f1 = ln2(out1[0], out1[1], eps, 2.0, 0.5, 0.5, -0.25);
        double[][] expected = {
                {f0[0] * 1.0 + f0[1] * -0.5, f0[0] * 0.25 + f0[1] * 0.75, f0[0] * -1.0 + f0[1] * 0.5},
                {f1[0] * 1.0 + f1[1] * -0.5, f1[0] * 0.25 + f1[1] * 0.75, f1[0] * -1.0 + f1[1] * 0.5}};

        ReferenceGpt2 model = ReferenceGpt2.load(directory);
        double[][] logits = model.logits(new int[] {2, 0});
        for (int t = 0; t < 2; t++) {
            assertArrayEquals(expected[t], logits[t], 1e-12, "position " + t);
        }
        assertTrue(Math.abs(p10 - 0.5) > 0.05, "the attention weights must be far from uniform: " + p10);
        double loss = -Math.log(Math.exp(expected[0][0]) / Arrays.stream(expected[0]).map(Math::exp).sum());
        assertEquals(loss, model.meanNextTokenLoss(new int[] {2, 0}), 1e-12);
    }

    /** ln_2, c_fc W = [[1.5, -0.75], [0.5, 1]] b = [0.25, -0.5], gelu_new, c_proj W = [[0.5, -1], [1.25, 0.25]] b = [0.0625, 0.125], residual. */
    private static double[] mlp(double[] r, double eps) {
        double[] m = ln2(r[0], r[1], eps, 0.75, 1.25, -0.125, 0.25);
        double i0 = geluNew(0.25 + m[0] * 1.5 + m[1] * 0.5);
        double i1 = geluNew(-0.5 + m[0] * -0.75 + m[1] * 1.0);
        return new double[] {r[0] + 0.0625 + i0 * 0.5 + i1 * 1.25, r[1] + 0.125 + i0 * -1.0 + i1 * 0.25};
    }

    private static double[] ln2(double x0, double x1, double eps, double g0, double g1, double b0, double b1) {
        double d = (x0 - x1) / 2;
        double s = d / Math.sqrt(d * d + eps);
        return new double[] {s * g0 + b0, -s * g1 + b1};
    }

    private static double geluNew(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * Math.pow(x, 3))));
    }

    @Test
    void pastLogitsIgnoreFutureTokens() throws IOException {
        ReferenceGpt2 model = load(Gpt2Fixture.small(1));
        double[][] original = model.logits(IDS);
        int[] changed = IDS.clone();
        changed[7] = 50;
        double[][] altered = model.logits(changed);
        for (int t = 0; t < 7; t++) {
            assertArrayEquals(original[t], altered[t], 0.0, "position " + t + " saw the future");
        }
        for (int t = 7; t < IDS.length; t++) {
            assertFalse(Arrays.equals(original[t], altered[t]), "position " + t + " must see token 7");
        }
        double[][] prefix = model.logits(Arrays.copyOf(IDS, 5));
        for (int t = 0; t < 5; t++) {
            assertArrayEquals(original[t], prefix[t], 0.0, "a shorter sequence gives the same past logits");
        }
    }

    @Test
    void nextTokenDistributionsAreProperAndClearlyDifferent() throws IOException {
        ReferenceGpt2 model = load(Gpt2Fixture.small(2));
        double[][] logits = model.logits(IDS);
        for (int t = 0; t < logits.length; t++) {
            double[] p = ReferenceMath.softmax(logits[t]);
            assertEquals(1.0, Arrays.stream(p).sum(), 1e-12);
            assertTrue(Arrays.stream(p).allMatch(value -> value > 0));
            double mean = Arrays.stream(logits[t]).average().orElseThrow();
            double std = Math.sqrt(Arrays.stream(logits[t]).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
            assertTrue(std > 0.5, "logits at " + t + " must differ clearly across tokens, std " + std);
        }
        assertTrue(Math.abs(logits[5][0] - logits[6][0]) > 1e-3, "same token at different positions must differ");
    }

    @Test
    void lossIsTheMeanNextTokenCrossEntropy() throws IOException {
        ReferenceGpt2 model = load(Gpt2Fixture.small(3));
        double[][] logits = model.logits(IDS);
        double total = 0;
        for (int t = 0; t + 1 < IDS.length; t++) {
            double logSumExp = Math.log(Arrays.stream(logits[t]).map(Math::exp).sum());
            total += logSumExp - logits[t][IDS[t + 1]];
        }
        assertEquals(total / (IDS.length - 1), model.meanNextTokenLoss(IDS), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> model.meanNextTokenLoss(new int[] {4}));
    }

    @Test
    void prefixExplicitTiedHeadAndMaskBuffersDoNotChangeTheLogits() throws IOException {
        double[][] plain = load(Gpt2Fixture.small(4)).logits(IDS);
        Gpt2Fixture variant = Gpt2Fixture.small(4).withTransformerPrefix(true).withLmHead(LmHead.TIED_EXPLICIT)
                .withAttentionBuffers(true);
        assertTrue(Arrays.deepEquals(plain, load(variant).logits(IDS)));
    }

    @Test
    void untiedHeadUsesLmHeadWeight() throws IOException {
        Path dir = Files.createDirectory(directory.resolve("untied"));
        HfCheckpointFixtures.writeGpt2(dir, Gpt2Fixture.small(5).withLmHead(LmHead.UNTIED));
        ReferenceGpt2 model = ReferenceGpt2.load(dir);
        double[][] hidden = model.hiddenStates(IDS);
        float[] head;
        try (SafetensorsFile file = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            head = file.floats("lm_head.weight");
        }
        double[][] logits = model.logits(IDS);
        int width = 16;
        for (int v : new int[] {0, 13, 96}) {
            double expected = 0;
            for (int d = 0; d < width; d++) {
                expected += hidden[3][d] * head[v * width + d];
            }
            assertEquals(expected, logits[3][v], 1e-12);
        }
        assertFalse(Arrays.deepEquals(logits, load(Gpt2Fixture.small(5)).logits(IDS)));
    }

    @Test
    void halfPrecisionCheckpointsGiveNearbyButDifferentLogits() throws IOException {
        double[][] f32 = load(Gpt2Fixture.small(6)).logits(IDS);
        double[][] f16 = load(Gpt2Fixture.small(6).withDtype(Dtype.F16)).logits(IDS);
        double[][] bf16 = load(Gpt2Fixture.small(6).withDtype(Dtype.BF16)).logits(IDS);
        assertFalse(Arrays.deepEquals(f32, f16));
        assertTrue(maxDifference(f32, f16) < 0.05, "F16 rounding moves logits a little: " + maxDifference(f32, f16));
        assertTrue(maxDifference(f32, bf16) < 0.5, "BF16 rounding moves logits more: " + maxDifference(f32, bf16));
        assertTrue(maxDifference(f32, bf16) > maxDifference(f32, f16));
    }

    @Test
    void refusesUnknownTensorsAndAHeadThatContradictsTying() throws IOException {
        Path dir = Files.createDirectory(directory.resolve("extra"));
        List<HostTensor> tensors = new ArrayList<>(HfCheckpointFixtures.writeGpt2(dir, Gpt2Fixture.small(7)));
        tensors.add(new HostTensor("h.0.attn.rotary", new long[] {1}, new float[] {1}));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, Map.of());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ReferenceGpt2.load(dir));
        assertTrue(unknown.getMessage().contains("[h.0.attn.rotary]"), unknown.getMessage());

        tensors.remove(tensors.size() - 1);
        tensors.add(new HostTensor("lm_head.weight", new long[] {97, 16}, new float[97 * 16]));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, Map.of());
        IllegalArgumentException head = assertThrows(IllegalArgumentException.class, () -> ReferenceGpt2.load(dir));
        assertTrue(head.getMessage().contains("tie_word_embeddings is true"), head.getMessage());
    }

    @Test
    void rejectsIdsOutsideTheVocabularyAndSequencesLongerThanThePositionTable() throws IOException {
        ReferenceGpt2 model = load(Gpt2Fixture.small(8));
        assertThrows(IllegalArgumentException.class, () -> model.logits(new int[] {1, 97}));
        assertThrows(IllegalArgumentException.class, () -> model.logits(new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> model.logits(new int[33]));
        assertThrows(IllegalArgumentException.class, () -> model.logits(new int[0]));
        assertEquals(32, model.logits(new int[32]).length);
    }

    @Test
    void differentSeedsGiveDifferentModels() throws IOException {
        assertNotEquals(load(Gpt2Fixture.small(9)).logits(IDS)[0][0], load(Gpt2Fixture.small(10)).logits(IDS)[0][0]);
    }

    private static double maxDifference(double[][] a, double[][] b) {
        double max = 0;
        for (int t = 0; t < a.length; t++) {
            for (int v = 0; v < a[t].length; v++) {
                max = Math.max(max, Math.abs(a[t][v] - b[t][v]));
            }
        }
        return max;
    }

    private ReferenceGpt2 load(Gpt2Fixture fixture) throws IOException {
        Path dir = Files.createTempDirectory(directory, "gpt2-");
        HfCheckpointFixtures.writeGpt2(dir, fixture);
        return ReferenceGpt2.load(dir);
    }
}
