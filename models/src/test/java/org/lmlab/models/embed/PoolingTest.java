package org.lmlab.models.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.ModelInput;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.reference.BertFixture;
import org.lmlab.models.reference.Gpt2Fixture;
import org.lmlab.models.reference.HfCheckpointFixtures;
import org.lmlab.models.reference.ReferenceBert;
import org.lmlab.models.reference.ReferenceGpt2;

/**
 * {@link LanguageModel#hidden} against the float64 references for models with a head, and
 * {@link Pooling} over real tokens only, whatever the padding.
 */
class PoolingTest {

    private static final ModelDirectory DIRECTORY = ModelDirectory.standard();

    /** Three texts of different lengths, right-padded into one batch. */
    private static final List<int[]> TEXTS = List.of(
            new int[] {3, 91, 14, 15, 92},
            new int[] {65, 35, 89, 79, 32, 38, 46, 26, 43},
            new int[] {7, 19, 60});

    @Test
    void gpt2HiddenStatesEqualTheReferenceAndLastPicksTheLastRealToken(@TempDir Path directory) throws IOException {
        HfCheckpointFixtures.writeGpt2(directory, Gpt2Fixture.small(501));
        ReferenceGpt2 reference = ReferenceGpt2.load(directory);
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = DIRECTORY.load(directory, manager);
            ModelInput batch = padded(manager, TEXTS);
            NDArray hidden = model.hidden(batch, false);
            int length = 9;
            int width = 16;
            assertEquals(new Shape(3, length, width), hidden.getShape());
            float[] flat = hidden.toFloatArray();
            float[] last = Pooling.LAST.pool(hidden, batch.padding()).toFloatArray();
            float[] mean = Pooling.MEAN.pool(hidden, batch.padding()).toFloatArray();
            float[] first = Pooling.CLS.pool(hidden, batch.padding()).toFloatArray();
            for (int row = 0; row < TEXTS.size(); row++) {
                int[] ids = TEXTS.get(row);
                double[][] expected = reference.hiddenStates(ids);
                for (int t = 0; t < ids.length; t++) {
                    for (int d = 0; d < width; d++) {
                        assertEquals(expected[t][d], flat[(row * length + t) * width + d], 1e-5, "row " + row + ", position " + t);
                    }
                }
                assertRowClose(expected[ids.length - 1], last, row, 1e-5);
                assertRowClose(expected[0], first, row, 1e-5);
                assertRowClose(meanOf(expected), mean, row, 1e-5);
            }
            // Row 0 is padded: the position LAST reads is not the row's final (padding) position.
            double difference = 0;
            for (int d = 0; d < width; d++) {
                difference = Math.max(difference, Math.abs(last[d] - flat[(length - 1) * width + d]));
            }
            assertTrue(difference > 0.1, "the last real token and the final padding position must differ: " + difference);
        }
    }

    @Test
    void bertHiddenStatesUnderAnMlmHeadEqualTheReference(@TempDir Path directory) throws IOException {
        HfCheckpointFixtures.writeBert(directory, BertFixture.small(502));
        ReferenceBert reference = ReferenceBert.load(directory);
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = DIRECTORY.load(directory, manager);
            ModelInput batch = padded(manager, TEXTS);
            NDArray hidden = model.hidden(batch, false);
            float[] mean = Pooling.MEAN.pool(hidden, batch.padding()).toFloatArray();
            for (int row = 0; row < TEXTS.size(); row++) {
                assertRowClose(meanOf(reference.hiddenStates(TEXTS.get(row), null, null)), mean, row, 1e-5);
            }
            // forward still gives the head's logits.
            assertEquals(new Shape(3, 9, 97), model.forward(batch, false).getShape());
        }
    }

    @Test
    void poolingReadsOnlyRealTokensWhereverThePaddingIs() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            // Row 0 is padded on both sides (real tokens at positions 1 and 2), row 1 is not padded.
            NDArray hidden = manager.create(new float[] {
                100, 100, 1, 2, 3, 6, -100, -100,
                1, 1, 2, 2, 3, 3, 10, 14}, new Shape(2, 4, 2));
            NDArray padding = manager.create(new float[] {0, 1, 1, 0, 1, 1, 1, 1}, new Shape(2, 4));
            assertArrayEquals(new float[] {2, 4, 4, 5}, Pooling.MEAN.pool(hidden, padding).toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {1, 2, 1, 1}, Pooling.CLS.pool(hidden, padding).toFloatArray(), 0f);
            assertArrayEquals(new float[] {3, 6, 10, 14}, Pooling.LAST.pool(hidden, padding).toFloatArray(), 0f);
            assertArrayEquals(new float[] {-100, -100, 10, 14}, Pooling.LAST.pool(hidden, null).toFloatArray(), 0f);
            assertArrayEquals(new float[] {0.6f, 0.8f, 0f, 0f},
                    Pooling.normalize(manager.create(new float[] {3, 4, 0, 0}, new Shape(2, 2))).toFloatArray(), 1e-7f);
            NDArray empty = manager.create(new float[] {1, 1, 0, 0, 0, 0, 0, 0}, new Shape(2, 4));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Pooling.MEAN.pool(hidden, empty));
            assertEquals("pooling: row 1 has no real token", error.getMessage());
        }
    }

    @Test
    void namesParseCaseInsensitivelyAndUnknownOnesListTheKnown() {
        assertEquals(Pooling.CLS, Pooling.parse("CLS"));
        assertEquals(Pooling.MEAN, Pooling.parse("mean"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Pooling.parse("max"));
        assertEquals("pooling: unknown 'max'; known: mean, cls, last", error.getMessage());
    }

    private static ModelInput padded(NDManager manager, List<int[]> texts) {
        int length = texts.stream().mapToInt(ids -> ids.length).max().orElseThrow();
        long[] tokens = new long[texts.size() * length];
        float[] mask = new float[texts.size() * length];
        for (int row = 0; row < texts.size(); row++) {
            int[] ids = texts.get(row);
            for (int t = 0; t < ids.length; t++) {
                tokens[row * length + t] = ids[t];
                mask[row * length + t] = 1;
            }
        }
        Shape shape = new Shape(texts.size(), length);
        return new ModelInput(manager.create(tokens, shape), manager.create(mask, shape), null);
    }

    private static double[] meanOf(double[][] rows) {
        double[] mean = new double[rows[0].length];
        for (double[] row : rows) {
            for (int d = 0; d < mean.length; d++) {
                mean[d] += row[d] / rows.length;
            }
        }
        return mean;
    }

    private static void assertRowClose(double[] expected, float[] pooled, int row, double tolerance) {
        for (int d = 0; d < expected.length; d++) {
            assertEquals(expected[d], pooled[row * expected.length + d], tolerance, "row " + row + ", dimension " + d);
        }
    }
}
