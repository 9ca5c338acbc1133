package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.training.objective.DeviceBatch;
import org.lmlab.training.objective.HostBatch;
import org.lmlab.training.objective.IgnoreIndexCrossEntropy;
import org.lmlab.training.seed.SeededRandom;

class IgnoreIndexCrossEntropyTest {

    private static final int ROWS = 2;
    private static final int LENGTH = 3;
    private static final int CLASSES = 5;

    @Test
    void sumAndGradientEqualAFloat64ComputationAndSkipIgnoredPositions() {
        SeededRandom random = new SeededRandom(77);
        float[] logits = new float[ROWS * LENGTH * CLASSES];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (random.nextDouble() * 8 - 4);
        }
        long[] labels = {3, -100, 0, 4, 1, -100};
        double expectedSum = 0;
        double[] expectedGradient = new double[logits.length];
        for (int position = 0; position < labels.length; position++) {
            if (labels[position] == HostBatch.IGNORE) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < CLASSES; c++) {
                max = Math.max(max, logits[position * CLASSES + c]);
            }
            double total = 0;
            for (int c = 0; c < CLASSES; c++) {
                total += Math.exp(logits[position * CLASSES + c] - max);
            }
            double logTotal = Math.log(total) + max;
            expectedSum += logTotal - logits[position * CLASSES + (int) labels[position]];
            for (int c = 0; c < CLASSES; c++) {
                double probability = Math.exp(logits[position * CLASSES + c] - logTotal);
                expectedGradient[position * CLASSES + c] = probability - (c == labels[position] ? 1 : 0);
            }
        }
        HostBatch host = new HostBatch(ROWS, LENGTH, new long[ROWS * LENGTH], null, labels, new long[] {ROWS, LENGTH});
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            NDArray logitArray = manager.create(logits, new Shape(ROWS, LENGTH, CLASSES));
            logitArray.setRequiresGradient(true);
            DeviceBatch batch = host.toDevice(manager);
            assertEquals(4, batch.targetCount());
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray sum = IgnoreIndexCrossEntropy.sum(logitArray, batch.targets(), batch.weights());
                assertEquals(expectedSum, sum.getFloat(), 1e-5 * expectedSum);
                collector.backward(sum);
            }
            float[] gradient = logitArray.getGradient().toFloatArray();
            for (int i = 0; i < gradient.length; i++) {
                assertEquals(expectedGradient[i], gradient[i], 1e-6, "gradient " + i);
            }
        }
    }

    @Test
    void classificationLogitsWorkTheSameWay() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            NDArray logits = manager.create(new float[] {0f, 0f, 2f, 0f}, new Shape(2, 2));
            HostBatch host = new HostBatch(2, 1, new long[2], null, new long[] {1, 0}, new long[] {2});
            DeviceBatch batch = host.toDevice(manager);
            double expected = Math.log(2) + (Math.log(1 + Math.exp(2)) - 2);
            assertEquals(expected, IgnoreIndexCrossEntropy.sum(logits, batch.targets(), batch.weights()).getFloat(), 1e-6);
        }
    }
}
