package org.lmlab.training;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.weights.ModelWeights;
import org.lmlab.training.checkpoint.Checkpoint;
import org.lmlab.training.checkpoint.CheckpointState;
import org.lmlab.training.checkpoint.CheckpointStore;
import org.lmlab.training.checkpoint.SeedRecord;
import org.lmlab.training.data.BatchSampler;
import org.lmlab.training.data.DataPosition;
import org.lmlab.training.data.Example;
import org.lmlab.training.data.TrainingData;
import org.lmlab.training.freeze.Trainable;
import org.lmlab.training.io.TrainingJson;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.optim.AdamW;
import org.lmlab.training.optim.ScheduleSegment;
import org.lmlab.training.optim.SegmentedSchedule;
import org.lmlab.training.seed.RandomStreams;
import org.lmlab.training.step.Evaluator;
import org.lmlab.training.step.StepOutcome;
import org.lmlab.training.step.TrainStep;

/**
 * The one training loop. It runs an {@link Objective} over a {@link LanguageModel} and knows
 * nothing else about either: it draws batches in a seeded order, takes optimizer steps
 * ({@link TrainStep}), evaluates on the validation set, writes checkpoints, and tells its
 * listeners. Everything random derives from the config's seed and the step number, so two runs
 * with the same config give bit-identical losses, and a run resumed from a checkpoint ends
 * with exactly the weights of a run that never stopped.
 */
public final class Trainer implements AutoCloseable {

    private final LanguageModel model;
    private final Trainable trainable;
    private final TrainingData data;
    private final TrainConfig config;
    private final CheckpointStore checkpoints;
    private final List<TrainerListener> listeners;
    private final RandomStreams streams;
    private final NDManager manager;
    private final AdamW optimizer;
    private final BatchSampler sampler;
    private final TrainStep stepper;
    private final Evaluator evaluator;
    private final Evaluator trainEvaluator;
    private final long totalSteps;
    private final SegmentedSchedule schedule;
    private final int evalEvery;
    private final RunControl control;
    private EvalHistory evaluations = EvalHistory.NONE;

    /**
     * A trainer for an initialized (or loaded) model that trains every parameter.
     *
     * @param checkpoints where to write checkpoints, or null for none
     */
    public Trainer(LanguageModel model, Objective objective, TrainingData data, TrainConfig config,
            CheckpointStore checkpoints, List<? extends TrainerListener> listeners) {
        this(model, objective, data, config, checkpoints, listeners, Trainable.all(model));
    }

    /**
     * A trainer for an initialized (or loaded) model that trains only {@code trainable}, a
     * selection of this model's parameters: the others are frozen here ({@link Trainable#apply()})
     * and get no gradient, and the optimizer, and so the checkpoints, hold moments for the
     * trainable ones only. Checkpoints still hold every weight.
     *
     * @param checkpoints where to write checkpoints, or null for none
     */
    public Trainer(LanguageModel model, Objective objective, TrainingData data, TrainConfig config,
            CheckpointStore checkpoints, List<? extends TrainerListener> listeners, Trainable trainable) {
        this(model, objective, data, config, checkpoints, listeners, trainable, List.of(), RunControl.none());
    }

    /**
     * A trainer as above whose run goes on after its own schedule with {@code extensions} (each
     * a number of steps with its own learning-rate schedule), and which {@code control} can stop
     * after any step (with a checkpoint) and makes checkpoint on a wall-clock interval.
     *
     * @param checkpoints where to write checkpoints, or null for none
     */
    public Trainer(LanguageModel model, Objective objective, TrainingData data, TrainConfig config,
            CheckpointStore checkpoints, List<? extends TrainerListener> listeners, Trainable trainable,
            List<ScheduleSegment> extensions, RunControl control) {
        objective.checkCompatible(model);
        if (trainable.model() != model) {
            throw new IllegalArgumentException("the trainable parameters were selected from another model");
        }
        trainable.apply();
        this.model = model;
        this.trainable = trainable;
        this.data = data;
        this.config = config;
        this.checkpoints = checkpoints;
        this.listeners = List.copyOf(listeners);
        this.streams = new RandomStreams(config.seed());
        this.sampler = new BatchSampler(data.train(), config.batchSize(), streams);
        this.schedule = new SegmentedSchedule(config.schedule(), config.totalSteps(data.train().size()), extensions);
        this.totalSteps = schedule.totalSteps();
        this.evalEvery = config.evalEvery(totalSteps);
        this.control = control;
        this.manager = OfflineEngine.get().newBaseManager();
        this.optimizer = new AdamW(trainable.parameters(), config.optimizer(), manager);
        this.stepper = new TrainStep(model, objective, optimizer, trainable, config.clipNorm(), streams, this.listeners);
        this.evaluator = new Evaluator(model, objective, streams, config.batchSize(), config.evalBatches());
        // The training set is measured on as many batches as the validation set, never the whole corpus.
        int validationBatches = (data.validation().size() + config.batchSize() - 1) / config.batchSize();
        this.trainEvaluator = new Evaluator(model, objective, streams, config.batchSize(),
                config.evalBatches() > 0 ? config.evalBatches() : Math.max(1, validationBatches));
    }

    /** Optimizer steps the run will take in total. */
    public long totalSteps() {
        return totalSteps;
    }

    /** The optimizer, whose state checkpoints save. */
    public AdamW optimizer() {
        return optimizer;
    }

    /** The parameters this trainer trains. */
    public Trainable trainable() {
        return trainable;
    }

    /** The learning rate of update {@code step} (0-based), extensions included. */
    public double lr(long step) {
        return schedule.lr(step);
    }

    /** Trains from the first step. */
    public TrainSummary train() {
        return run(0, DataPosition.START, 0, null, false, EvalHistory.NONE);
    }

    /**
     * Loads weights, optimizer state and data position from a checkpoint of this run and
     * continues from its step.
     *
     * @throws IllegalArgumentException if the checkpoint belongs to a run with another seed or
     *                                  other training settings, or its tensors do not fit
     */
    public TrainSummary resume(Checkpoint checkpoint) {
        return resume(checkpoint, EvalHistory.NONE);
    }

    /**
     * As {@link #resume(Checkpoint)}, the run's evaluations before the checkpoint being
     * {@code history} (so the summary's best validation loss covers the whole run).
     */
    public TrainSummary resume(Checkpoint checkpoint, EvalHistory history) {
        CheckpointState state = checkpoint.state();
        if (state.seeds().master() != config.seed()) {
            throw new IllegalArgumentException(checkpoint.directory() + ": written with seed " + state.seeds().master()
                    + ", this run uses " + config.seed());
        }
        TrainConfig saved = savedConfig(checkpoint);
        if (!config.equals(saved)) {
            throw new IllegalArgumentException(checkpoint.directory() + ": written with other training settings ("
                    + saved + "), this run has " + config + "; an exact resume needs the same ones");
        }
        if (state.step() > totalSteps) {
            throw new IllegalArgumentException(checkpoint.directory() + ": at step " + state.step()
                    + ", beyond this run's " + totalSteps + " steps");
        }
        requireSameTrainable(checkpoint);
        ModelWeights.load(model, checkpoint.model(), checkpoint.modelFile().toString());
        optimizer.loadState(checkpoint.optimizer(), state.step(), checkpoint.optimizerFile().toString());
        return run(state.step(), new DataPosition(state.epoch(), state.indexInEpoch()), state.tokensSeen(),
                checkpoint.directory(), true, history);
    }

    /** The checkpoint's optimizer holds moments for exactly the parameters this run trains. */
    private void requireSameTrainable(Checkpoint checkpoint) {
        Set<String> saved = new TreeSet<>();
        checkpoint.optimizer().keySet().forEach(name -> saved.add(name.substring(name.indexOf('.') + 1)));
        Set<String> here = new TreeSet<>(trainable.names());
        if (!saved.equals(here)) {
            List<String> thereOnly = saved.stream().filter(name -> !here.contains(name)).limit(3).toList();
            List<String> hereOnly = here.stream().filter(name -> !saved.contains(name)).limit(3).toList();
            throw new IllegalArgumentException(checkpoint.directory() + ": written by a run training " + saved.size()
                    + " parameters, this run trains " + here.size()
                    + (thereOnly.isEmpty() ? "" : "; trained there only: " + String.join(", ", thereOnly))
                    + (hereOnly.isEmpty() ? "" : "; trained here only: " + String.join(", ", hereOnly))
                    + "; an exact resume needs the same frozen and trainable parameters");
        }
    }

    private static TrainConfig savedConfig(Checkpoint checkpoint) {
        JsonNode node = checkpoint.state().trainConfig();
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(checkpoint.directory() + ": the checkpoint does not record its training settings");
        }
        try {
            return org.lmlab.layers.config.Json.MAPPER.treeToValue(node, TrainConfig.class);
        } catch (IOException | IllegalArgumentException malformed) {
            throw new IllegalArgumentException(checkpoint.directory() + ": unreadable training settings: " + malformed.getMessage(), malformed);
        }
    }

    private TrainSummary run(long startStep, DataPosition startPosition, long startTokens, Path startCheckpoint, boolean resumed,
            EvalHistory history) {
        TrainingPlan plan = new TrainingPlan(startStep, totalSteps, data.train().size(), data.validation().size(),
                sampler.batchesPerEpoch(), resumed);
        listeners.forEach(listener -> listener.onStart(plan));
        if (control.stopRequested()) {
            throw new TrainingInterruptedException(control.stopReason(), startStep, totalSteps, startCheckpoint, null);
        }
        boolean validating = data.validation().size() > 0;
        evaluations = history;
        if (!resumed && validating && evalEvery > 0) {
            evaluate(0);
        }
        long step = startStep;
        DataPosition position = startPosition;
        long tokensSeen = startTokens;
        Path lastCheckpoint = startCheckpoint;
        long lastCheckpointTime = control.now();
        double trainLoss = Double.NaN;
        while (step < totalSteps) {
            long started = System.nanoTime();
            List<List<Example>> microBatches = new ArrayList<>(config.accumulation());
            long epoch = -1;
            for (int micro = 0; micro < config.accumulation(); micro++) {
                BatchSampler.Draw draw = sampler.next(position);
                microBatches.add(draw.examples());
                position = draw.next();
                epoch = epoch < 0 ? position.epoch() : epoch;
            }
            double lr = schedule.lr(step);
            StepOutcome outcome = stepper.run(microBatches, lr, step);
            if (!outcome.updated()) {
                throw new TrainingDivergedException(step + 1, outcome.loss(), outcome.gradientNorm(), lastCheckpoint);
            }
            step++;
            tokensSeen += outcome.inputTokens();
            trainLoss = outcome.loss();
            StepReport report = new StepReport(step, totalSteps, epoch, outcome.loss(), lr, outcome.gradientNorm(),
                    outcome.inputTokens(), (System.nanoTime() - started) / 1e9, outcome.metrics());
            listeners.forEach(listener -> listener.onStep(report));
            boolean last = step == totalSteps;
            if (validating && (last || (evalEvery > 0 && step % evalEvery == 0))) {
                evaluate(step);
            }
            boolean stopping = control.stopRequested();
            if (checkpoints != null && (last || stopping || control.checkpointDue(lastCheckpointTime)
                    || (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0))) {
                lastCheckpoint = checkpoint(step, position, tokensSeen);
                lastCheckpointTime = control.now();
            }
            if (stopping && !last) {
                throw new TrainingInterruptedException(control.stopReason(), step, totalSteps, lastCheckpoint, null);
            }
        }
        TrainSummary summary = new TrainSummary(step, trainLoss, evaluations.lastValidationLoss(), tokensSeen, lastCheckpoint,
                evaluations);
        listeners.forEach(listener -> listener.onFinish(summary));
        return summary;
    }

    private void evaluate(long step) {
        Evaluator.Result result = evaluator.evaluate(data.validation());
        Evaluator.Result train = trainEvaluator.evaluate(data.train());
        EvalReport report = new EvalReport(step, result.loss(), result.targets(), train.loss(), train.targets(),
                result.metrics(), train.metrics());
        evaluations = evaluations.with(step, result.loss(), train.loss());
        listeners.forEach(listener -> listener.onEvaluation(report));
    }

    private Path checkpoint(long step, DataPosition position, long tokensSeen) {
        CheckpointState state = new CheckpointState(CheckpointState.FORMAT, step, position.epoch(), position.index(),
                tokensSeen, SeedRecord.of(streams), org.lmlab.layers.config.Json.MAPPER.valueToTree(config), java.util.Map.of());
        try {
            Path directory = checkpoints.save(state, ModelWeights.export(model), optimizer.exportState());
            listeners.forEach(listener -> listener.onCheckpoint(step, directory));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint of step " + step + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
