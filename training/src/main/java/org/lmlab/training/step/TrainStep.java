package org.lmlab.training.step;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.training.data.Example;
import org.lmlab.training.freeze.Trainable;
import org.lmlab.training.objective.DeviceBatch;
import org.lmlab.training.objective.HostBatch;
import org.lmlab.training.objective.LossOutput;
import org.lmlab.training.objective.MetricSum;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.optim.AdamW;
import org.lmlab.training.optim.Gradients;
import org.lmlab.training.seed.RandomStreams;

/**
 * One optimizer step over one or more micro-batches: reseed dropout for this step, prepare
 * every micro-batch (masking from the step's own random stream), let the objective run the
 * forward and compute the loss, backward each inside a gradient collector with its summed loss divided by the number of targets of the
 * whole step (so accumulating micro-batches equals one big batch, token for token), clip by
 * global norm, update with AdamW, zero the gradients. Only the trainable parameters are
 * measured, clipped and zeroed; frozen ones receive no gradient. If the loss or the gradient
 * norm is not finite the weights are left untouched.
 *
 * <p>Every array the step creates lives in a step manager and an {@link NDScope} and is closed
 * at the end, so memory does not grow from step to step.
 */
public final class TrainStep {

    private final LanguageModel model;
    private final Objective objective;
    private final AdamW optimizer;
    private final double clipNorm;
    private final RandomStreams streams;
    private final List<ForwardObserver> observers;
    private final Collection<Parameter> parameters;
    private final Engine engine;
    private StepPhases lastPhases = StepPhases.NONE;

    /**
     * A step that trains every parameter of the model.
     *
     * @param clipNorm global gradient norm to clip to, 0 for no clipping
     */
    public TrainStep(LanguageModel model, Objective objective, AdamW optimizer, double clipNorm, RandomStreams streams,
            List<? extends ForwardObserver> observers) {
        this(model, objective, optimizer, Trainable.all(model), clipNorm, streams, observers);
    }

    /**
     * A step that measures, clips and zeroes the gradients of the trainable parameters only
     * (frozen ones have none); the optimizer should hold the same ones.
     *
     * @param clipNorm global gradient norm to clip to, 0 for no clipping
     */
    public TrainStep(LanguageModel model, Objective objective, AdamW optimizer, Trainable trainable, double clipNorm,
            RandomStreams streams, List<? extends ForwardObserver> observers) {
        if (trainable.model() != model) {
            throw new IllegalArgumentException("the trainable parameters were selected from another model");
        }
        this.model = model;
        this.objective = objective;
        this.optimizer = optimizer;
        this.clipNorm = clipNorm;
        this.streams = streams;
        this.observers = List.copyOf(observers);
        this.parameters = trainable.parameters().values();
        this.engine = OfflineEngine.get();
    }

    /**
     * Runs update {@code step} (0-based) at learning rate {@code lr} over these micro-batches.
     */
    public StepOutcome run(List<List<Example>> microBatches, double lr, long step) {
        long started = System.nanoTime();
        engine.setRandomSeed(streams.dropoutSeed(step));
        List<HostBatch> batches = new ArrayList<>(microBatches.size());
        long targets = 0;
        long inputTokens = 0;
        for (int micro = 0; micro < microBatches.size(); micro++) {
            HostBatch batch = objective.prepare(microBatches.get(micro), streams.trainBatch(step, micro));
            batches.add(batch);
            targets += batch.targetCount();
            inputTokens += batch.inputTokenCount();
        }
        if (targets == 0) {
            throw new IllegalArgumentException("step " + (step + 1) + ": the batch has nothing to predict (every label is ignored)");
        }
        long prepared = System.nanoTime();
        long forwardNanos = 0;
        long backwardNanos = 0;
        double lossSum = 0;
        Map<String, MetricSum> metrics = new TreeMap<>();
        try (NDManager stepManager = engine.newBaseManager();
             NDScope scope = new NDScope()) {
            NDArray denominator = stepManager.create((float) targets);
            for (int micro = 0; micro < batches.size(); micro++) {
                DeviceBatch batch = batches.get(micro).toDevice(stepManager);
                try (GradientCollector collector = engine.newGradientCollector()) {
                    long forwardStarted = System.nanoTime();
                    LossOutput output = objective.loss(model, batch, true);
                    lossSum += output.loss().getFloat();
                    forwardNanos += System.nanoTime() - forwardStarted;
                    for (ForwardObserver observer : observers) {
                        observer.afterForward(step, micro);
                    }
                    long backwardStarted = System.nanoTime();
                    collector.backward(output.loss().div(denominator));
                    backwardNanos += System.nanoTime() - backwardStarted;
                    MetricSum.addAll(metrics, output.metrics());
                }
            }
        }
        double loss = lossSum / targets;
        long normStarted = System.nanoTime();
        double norm = Gradients.globalNorm(parameters);
        long normed = System.nanoTime();
        if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
            Gradients.zero(parameters);
            lastPhases = phases(started, prepared, forwardNanos, backwardNanos, normStarted, normed, normed, System.nanoTime());
            return new StepOutcome(loss, norm, 1.0, targets, inputTokens, false, MetricSum.means(metrics));
        }
        double factor = Gradients.clipFactor(norm, clipNorm);
        optimizer.step(lr, factor);
        long updated = System.nanoTime();
        Gradients.zero(parameters);
        lastPhases = phases(started, prepared, forwardNanos, backwardNanos, normStarted, normed, updated, System.nanoTime());
        return new StepOutcome(loss, norm, factor, targets, inputTokens, true, MetricSum.means(metrics));
    }

    /** Where the time of the last {@link #run} went ({@link StepPhases#NONE} before the first). */
    public StepPhases lastPhases() {
        return lastPhases;
    }

    private static StepPhases phases(long started, long prepared, long forwardNanos, long backwardNanos, long normStarted,
            long normed, long updated, long zeroed) {
        // Whatever the micro-batch loop spent outside forward and backward (moving batches to the device) counts as preparing.
        double loop = (normStarted - prepared - forwardNanos - backwardNanos) / 1e9;
        return new StepPhases((prepared - started) / 1e9 + loop, forwardNanos / 1e9, backwardNanos / 1e9,
                (normed - normStarted) / 1e9, (updated - normed) / 1e9, (zeroed - updated) / 1e9);
    }
}
