package org.lmlab.training.step;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.training.data.Example;
import org.lmlab.training.data.ExampleSet;
import org.lmlab.training.objective.DeviceBatch;
import org.lmlab.training.objective.HostBatch;
import org.lmlab.training.objective.LossOutput;
import org.lmlab.training.objective.MetricSum;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.seed.RandomStreams;

/**
 * The mean loss of a model over a held-out set, without dropout or gradients: batches in index
 * order, each prepared with its own fixed random stream (so masked-LM validation masks the
 * same way at every evaluation), the loss summed over all targets and divided by their count,
 * and the objective's metrics summed the same way.
 */
public final class Evaluator {

    private final LanguageModel model;
    private final Objective objective;
    private final RandomStreams streams;
    private final int batchSize;
    private final int maxBatches;

    /**
     * @param maxBatches evaluate at most this many batches, 0 for the whole set
     */
    public Evaluator(LanguageModel model, Objective objective, RandomStreams streams, int batchSize, int maxBatches) {
        this.model = model;
        this.objective = objective;
        this.streams = streams;
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
    }

    /** The mean loss and target count over {@code examples} (NaN and 0 for an empty set). */
    public Result evaluate(ExampleSet examples) {
        int batches = (examples.size() + batchSize - 1) / batchSize;
        if (maxBatches > 0) {
            batches = Math.min(batches, maxBatches);
        }
        double lossSum = 0;
        long targets = 0;
        Map<String, MetricSum> metrics = new TreeMap<>();
        for (int b = 0; b < batches; b++) {
            List<Example> batch = new ArrayList<>(batchSize);
            for (int i = b * batchSize; i < Math.min(examples.size(), (b + 1) * batchSize); i++) {
                batch.add(examples.get(i));
            }
            HostBatch host = objective.prepare(batch, streams.validationBatch(b));
            try (NDManager manager = OfflineEngine.get().newBaseManager(); NDScope scope = new NDScope()) {
                DeviceBatch device = host.toDevice(manager);
                LossOutput output = objective.loss(model, device, false);
                lossSum += output.loss().getFloat();
                targets += output.targets();
                MetricSum.addAll(metrics, output.metrics());
            }
        }
        return new Result(targets == 0 ? Double.NaN : lossSum / targets, targets, MetricSum.means(metrics));
    }

    /** A mean loss over this many targets, and the objective's metrics (means by name). */
    public record Result(double loss, long targets, Map<String, Double> metrics) {

        public Result {
            metrics = Map.copyOf(metrics);
        }
    }
}
