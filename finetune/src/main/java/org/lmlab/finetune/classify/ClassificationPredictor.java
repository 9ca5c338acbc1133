package org.lmlab.finetune.classify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.training.data.Example;
import org.lmlab.training.data.ExampleSet;
import org.lmlab.training.objective.HostBatch;
import org.lmlab.training.seed.SeededRandom;

/**
 * Class probabilities of a classifier for examples, in batches in index order and through the
 * objective's own collate, so a prediction sees its text exactly as training and evaluation did
 * (and, batched the same way, gives the evaluator's accuracy). Softmax in float64.
 */
public final class ClassificationPredictor {

    private ClassificationPredictor() {
    }

    /** One row of probabilities per example. */
    public static double[][] probabilities(LanguageModel model, ClassificationObjective objective, ExampleSet examples,
            int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch: must be positive, got " + batchSize);
        }
        double[][] result = new double[examples.size()][];
        for (int start = 0; start < examples.size(); start += batchSize) {
            List<Example> batch = new ArrayList<>(batchSize);
            for (int i = start; i < Math.min(examples.size(), start + batchSize); i++) {
                batch.add(examples.get(i));
            }
            HostBatch host = objective.prepare(batch, new SeededRandom(0));
            try (NDManager manager = OfflineEngine.get().newBaseManager(); NDScope scope = new NDScope()) {
                NDArray logits = model.forward(host.toDevice(manager).input(), false);
                int classes = (int) logits.getShape().get(1);
                float[] flat = logits.toFloatArray();
                for (int r = 0; r < batch.size(); r++) {
                    result[start + r] = softmax(flat, r * classes, classes);
                }
            }
        }
        return result;
    }

    /** The index of the largest value (the first of ties). */
    public static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double[] softmax(float[] logits, int offset, int classes) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[offset + c]);
        }
        double[] p = new double[classes];
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(logits[offset + c] - max);
            sum += p[c];
        }
        for (int c = 0; c < classes; c++) {
            p[c] /= sum;
        }
        return p;
    }
}
