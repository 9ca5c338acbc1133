package org.lmlab.training.run;

import ai.djl.ndarray.NDManager;
import com.google.inject.Guice;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.Tokenizers;
import org.lmlab.tokenizers.TokenizersModule;
import org.lmlab.training.Objectives;
import org.lmlab.training.TrainSummary;
import org.lmlab.training.Trainer;
import org.lmlab.training.TrainerListener;
import org.lmlab.training.TrainingModule;
import org.lmlab.training.checkpoint.CheckpointStore;
import org.lmlab.training.io.TrainingJson;
import org.lmlab.training.data.DataRequest;
import org.lmlab.training.data.DataSources;
import org.lmlab.training.data.PreparedData;
import org.lmlab.training.data.TokenCache;
import org.lmlab.training.model.ModelEditConfig;
import org.lmlab.training.model.ModelEdits;
import org.lmlab.training.model.ModelSources;
import org.lmlab.models.io.LoadedModel;
import org.lmlab.training.metrics.MetricsLog;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.seed.RandomStreams;
import org.lmlab.models.safetensors.SafetensorsWriter;
import org.lmlab.models.weights.ModelWeights;
import org.lmlab.training.EvalHistory;
import org.lmlab.training.RunControl;
import org.lmlab.training.TrainConfig;
import org.lmlab.training.TrainingDivergedException;
import org.lmlab.training.TrainingInterruptedException;
import org.lmlab.training.optim.ScheduleConfig;
import org.lmlab.training.optim.ScheduleSegment;
import org.lmlab.training.optim.SegmentedSchedule;
import org.lmlab.training.provenance.Provenance;
import org.lmlab.training.text.ModelTokenizer;

/**
 * Trains a model into a run directory, and resumes such a run, keeping the directory safe to
 * trust (checked before anything is written, locked while trained, checkpointed on a clock and
 * on Ctrl-C, removed again if a new run fails before its first checkpoint; see
 * {@link #start(TrainJobConfig, Path, List, RunOptions)}): resolves the model source (a
 * preset, a model directory or a run, see {@link ModelSources}), the tokenizer, the objective
 * and the data source by name, prepares the examples ({@link DataSources}), and runs the
 * {@link Trainer} with checkpoints and {@code metrics.jsonl}. The edits may change the built
 * model before training (LoRA's adapters) and turn it back into a plain one after (merged),
 * so the final model saved as a model directory in the run loads without them. The command line and experiment files both start
 * training here.
 */
public final class TrainJob {

    private final Models models;
    private final ModelDirectory modelDirectories;
    private final ModelSources sources;
    private final Objectives objectives;
    private final Tokenizers tokenizers;
    private final DataSources dataSources;
    private final TrainJobFiles files;
    private final ModelEdits edits;
    private final TokenCache cache;
    private final CheckpointStore.TensorFileWriter checkpointWriter;
    private final CheckpointStore.StateWriter stateWriter;
    private final AvailableMemory memory;
    private final ModelSaver modelSaver;
    private List<TrainerListener> runListeners = List.of();

    /** Writes a model directory's weights and config (a seam for tests that make the final save fail, as a full disk would). */
    @FunctionalInterface
    public interface ModelSaver {
        void save(LanguageModel model, Path directory) throws IOException;
    }

    @Inject
    public TrainJob(Models models, ModelDirectory modelDirectories, ModelSources sources, Objectives objectives,
            Tokenizers tokenizers, DataSources dataSources, TrainJobFiles files, ModelEdits edits) {
        this(models, modelDirectories, sources, objectives, tokenizers, dataSources, files, edits, TokenCache.standard(),
                SafetensorsWriter::write, TrainingJson::write, AvailableMemory.system(), modelDirectories::save);
    }

    private TrainJob(Models models, ModelDirectory modelDirectories, ModelSources sources, Objectives objectives,
            Tokenizers tokenizers, DataSources dataSources, TrainJobFiles files, ModelEdits edits, TokenCache cache,
            CheckpointStore.TensorFileWriter checkpointWriter, CheckpointStore.StateWriter stateWriter, AvailableMemory memory,
            ModelSaver modelSaver) {
        this.models = models;
        this.modelDirectories = modelDirectories;
        this.sources = sources;
        this.objectives = objectives;
        this.tokenizers = tokenizers;
        this.dataSources = dataSources;
        this.files = files;
        this.edits = edits;
        this.cache = cache;
        this.checkpointWriter = checkpointWriter;
        this.stateWriter = stateWriter;
        this.memory = memory;
        this.modelSaver = modelSaver;
    }

    /** Listeners that hear every run of this job besides the caller's (bound by plugins, see {@link TrainingModule}). */
    @Inject
    void setRunListeners(java.util.Set<TrainerListener> listeners) {
        this.runListeners = List.copyOf(listeners);
    }

    /** The caller's listeners, then the injected ones. */
    private List<TrainerListener> withRunListeners(List<? extends TrainerListener> given) {
        List<TrainerListener> all = new ArrayList<>(given);
        all.addAll(runListeners);
        return List.copyOf(all);
    }

    /** The built-in components, without the command line's injector (tests, small tools). */
    public static TrainJob standard() {
        return Guice.createInjector(new TrainingModule(), new TokenizersModule()).getInstance(TrainJob.class);
    }

    /** The same job with another token cache. */
    public TrainJob withCache(TokenCache other) {
        return copy(other, checkpointWriter, stateWriter, memory, modelSaver);
    }

    /** The same job writing checkpoint tensor files through {@code writer} (tests make it fail, as a full disk would). */
    public TrainJob withCheckpointWriter(CheckpointStore.TensorFileWriter writer) {
        return copy(cache, writer, stateWriter, memory, modelSaver);
    }

    /** The same job writing checkpoint {@code state.json} files through {@code states} (tests make it fail, as a crash would). */
    public TrainJob withCheckpointStateWriter(CheckpointStore.StateWriter states) {
        return copy(cache, checkpointWriter, states, memory, modelSaver);
    }

    /** The same job comparing its memory estimate with {@code available} instead of the machine's (tests). */
    public TrainJob withAvailableMemory(AvailableMemory available) {
        return copy(cache, checkpointWriter, stateWriter, available, modelSaver);
    }

    /** The same job saving final (and rescued) models through {@code saver} (tests make it fail, as a full disk would). */
    public TrainJob withModelSaver(ModelSaver saver) {
        return copy(cache, checkpointWriter, stateWriter, memory, saver);
    }

    private TrainJob copy(TokenCache newCache, CheckpointStore.TensorFileWriter writer, CheckpointStore.StateWriter states,
            AvailableMemory available, ModelSaver saver) {
        TrainJob copy = new TrainJob(models, modelDirectories, sources, objectives, tokenizers, dataSources, files, edits, newCache,
                writer, states, available, saver);
        copy.runListeners = runListeners;
        return copy;
    }

    /** The config of a model source: a model directory or run if one exists at that path, else a preset name. */
    public ModelConfig resolveModel(String source) throws IOException {
        return sources.config(source);
    }

    /** The model a source gives after these edits (what {@code model} in a run config holds). */
    public ModelConfig editedModel(String source, List<ModelEditConfig> modelEdits) throws IOException {
        return edits.config(sources.config(source), modelEdits);
    }

    /** Reads and writes run configs ({@code train.json}, and the tree {@code --set} edits). */
    public TrainJobFiles files() {
        return files;
    }

    /** Starts a run with the default options ({@link RunOptions#defaults()}). */
    public TrainSummary start(TrainJobConfig config, Path runDirectory, List<? extends TrainerListener> listeners) throws IOException {
        return start(config, runDirectory, listeners, RunOptions.defaults());
    }

    /**
     * Starts a run in a new (or empty) directory. Everything is checked (the directory, model,
     * tokenizer, objective, data, batch and run length, and the {@link MemoryEstimate} against
     * the {@link AvailableMemory}) before the first file is written; the
     * directory is locked for the run's life ({@link RunLock}); checkpoints are written every
     * {@code checkpoint_every} steps, on the wall-clock interval and at the end; a stop request
     * (SIGINT/SIGTERM) ends the run after a checkpoint with {@link TrainingInterruptedException}.
     * If the run fails before its first checkpoint, everything it wrote is removed again (and the
     * directory, if it created it), so a failed start leaves nothing behind. At the end the final
     * model is saved in {@code model/} with the tokenizer it was trained with (rescued outside the
     * run if that fails), after which the final checkpoint keeps its weights only there (a hard
     * link, or a reference with the SHA-256: {@link CheckpointStore#shareWithModel}).
     *
     * @throws IllegalArgumentException if the directory is a file, holds a run or other files, or
     *                                  the model, tokenizer, objective and data do not fit together
     */
    public TrainSummary start(TrainJobConfig config, Path runDirectory, List<? extends TrainerListener> listeners,
            RunOptions options) throws IOException {
        return startRun(config, runDirectory, withRunListeners(listeners), options);
    }

    private TrainSummary startRun(TrainJobConfig config, Path runDirectory, List<TrainerListener> listeners, RunOptions options)
            throws IOException {
        RunDirectory run = new RunDirectory(runDirectory);
        run.requireNewRunLocation();
        Setup setup = setUp(config);
        requireMemory(setup);
        TrainConfig train = config.train();
        if (train.evalEvery() == TrainConfig.EVAL_AUTO) {
            train = train.withEvalEvery(train.evalEvery(setup.baseSteps()));
        }
        TrainJobConfig resolved = config.withTrain(train).resolved(setup.prepared().fingerprint());
        double minutes = options.checkpointMinutes() != null ? options.checkpointMinutes() : RunOptions.DEFAULT_CHECKPOINT_MINUTES;
        RunControl control = options.controlFor(minutes);
        boolean created = !Files.exists(runDirectory);
        Files.createDirectories(runDirectory);
        try (RunLock lock = RunLock.acquire(run)) {
            RunStatus status = RunStatus.started(setup.baseSteps(), minutes);
            return guarded(run, true, created, status, () -> {
                run.requireNewRunLocation();
                listeners.forEach(listener -> listener.onRun(runDirectory, false));
                announceMemory(setup, listeners);
                files.write(run.config(), resolved);
                Provenance.capture().write(runDirectory);
                setup.prepared().runFiles().write(runDirectory);
                status.write(run);
                try (StopSignals signals = signals(options, control, listeners);
                     NDManager manager = OfflineEngine.get().newBaseManager();
                     MetricsLog metrics = MetricsLog.create(run.metrics())) {
                    LanguageModel model = startingModel(resolved, manager, listeners);
                    try (Trainer trainer = trainer(resolved, setup, model, run, listeners, metrics, List.of(), control)) {
                        TrainSummary summary = trainer.train();
                        finish(resolved, setup.tokenizer(), model, run, status, summary.steps(), listeners);
                        return summary;
                    }
                }
            });
        }
    }

    /** Resumes with the default options ({@link RunOptions#defaults()}). */
    public TrainSummary resume(Path runDirectory, List<? extends TrainerListener> listeners) throws IOException {
        return resume(runDirectory, listeners, RunOptions.defaults());
    }

    /**
     * Continues the run in {@code runDirectory} from its newest usable checkpoint, exactly as if
     * it had never stopped; runs written by earlier lmlab formats resume the same way. A run
     * that was killed before its first checkpoint trains again from step 0 (the same run, since
     * everything derives from its seed). A complete run is not trained again: the listeners hear
     * {@link TrainerListener#onAlreadyComplete} (and a missing final model is written from the
     * last checkpoint), unless {@link RunOptions#extendedBy} adds steps, which become a new
     * schedule segment recorded in the run's {@value RunDirectory#STATUS}.
     */
    public TrainSummary resume(Path runDirectory, List<? extends TrainerListener> listeners, RunOptions options) throws IOException {
        return resumeRun(runDirectory, withRunListeners(listeners), options);
    }

    private TrainSummary resumeRun(Path runDirectory, List<TrainerListener> listeners, RunOptions options) throws IOException {
        RunDirectory run = new RunDirectory(runDirectory);
        if (!run.holdsRun()) {
            throw new NoSuchFileException(run.config().toString(), null, "not a run directory (no " + RunDirectory.CONFIG + ")");
        }
        try (RunLock lock = RunLock.acquire(run)) {
            TrainJobConfig config = files.read(run.config());
            Setup setup = setUp(config);
            String fingerprint = setup.prepared().fingerprint();
            if (!fingerprint.equals(config.dataFingerprint())) {
                throw new IllegalArgumentException(setup.prepared().description() + " changed since the run started (fingerprint "
                        + fingerprint + ", the run recorded " + config.dataFingerprint() + "); an exact resume needs the same data");
            }
            RunStatus recorded = RunStatus.read(run).orElseGet(() -> RunStatus.started(setup.baseSteps(),
                    RunOptions.DEFAULT_CHECKPOINT_MINUTES));
            if (recorded.pruned()) {
                throw new IllegalArgumentException(runDirectory + " was pruned (its checkpoints were deleted to save space), so it"
                        + " cannot be resumed or extended; train a new run from its model (--model " + run.model() + ")");
            }
            SegmentedSchedule schedule = new SegmentedSchedule(config.train().schedule(), setup.baseSteps(), recorded.extensions());
            RunStatus status = recorded;
            if (options.extensionSteps() > 0) {
                ScheduleConfig rates = options.extensionSchedule() != null ? options.extensionSchedule()
                        : ScheduleConfig.constant(schedule.endLr());
                status = status.extendedBy(new ScheduleSegment(options.extensionSteps(), rates),
                        schedule.totalSteps() + options.extensionSteps());
            }
            if (options.checkpointMinutes() != null) {
                status = status.withCheckpointMinutes(options.checkpointMinutes());
            }
            RunControl control = options.controlFor(status.checkpointMinutes());
            CheckpointStore store = store(run, config);
            if (store.isEmpty()) {
                requireMemory(setup);
                RunStatus restarted = status.at(RunStatus.RUNNING, 0, "");
                return guarded(run, false, false, restarted,
                        () -> restart(config, setup, run, restarted, listeners, options, control));
            }
            CheckpointStore.Loaded loaded = store.loadLatest();
            long step = loaded.checkpoint().state().step();
            if (step == status.totalSteps() && options.extensionSteps() == 0) {
                return alreadyComplete(config, setup.tokenizer(), run, status, store, loaded, listeners);
            }
            requireMemory(setup);
            RunStatus running = status.at(RunStatus.RUNNING, step, "");
            return guarded(run, false, false, running, () -> {
                listeners.forEach(listener -> listener.onRun(runDirectory, true));
                announceMemory(setup, listeners);
                running.write(run);
                try (StopSignals signals = signals(options, control, listeners);
                     NDManager manager = OfflineEngine.get().newBaseManager();
                     MetricsLog metrics = MetricsLog.resume(run.metrics(), step)) {
                    LanguageModel model = rebuiltModel(config, manager);
                    try (Trainer trainer = trainer(config, setup, model, run, listeners, metrics, running.extensions(), control)) {
                        loaded.warnings().forEach(warning -> listeners.forEach(listener -> listener.onWarning(warning)));
                        TrainSummary summary = trainer.resume(loaded.checkpoint(), metrics.history());
                        finish(config, setup.tokenizer(), model, run, running, summary.steps(), listeners);
                        return summary;
                    }
                }
            });
        }
    }

    /**
     * Deletes the checkpoints of a complete run, keeping {@code model/}, {@code train.json} and
     * {@code metrics.jsonl}; the run can then no longer be resumed or extended.
     *
     * @return the bytes freed
     * @throws IllegalArgumentException if the run is not complete (its checkpoints are how it resumes)
     */
    public long prune(Path runDirectory) throws IOException {
        RunDirectory run = new RunDirectory(runDirectory);
        if (!run.holdsRun()) {
            throw new NoSuchFileException(run.config().toString(), null, "not a run directory (no " + RunDirectory.CONFIG + ")");
        }
        try (RunLock lock = RunLock.acquire(run)) {
            Optional<RunStatus> status = RunStatus.read(run);
            boolean complete = status.map(RunStatus::complete)
                    .orElseGet(() -> Files.isRegularFile(run.model().resolve(ModelDirectory.WEIGHTS)));
            if (!complete || !Files.isRegularFile(run.model().resolve(ModelDirectory.WEIGHTS))) {
                throw new IllegalArgumentException(runDirectory + " is not complete (" + status.map(s -> s.state() + " at step "
                        + s.step() + " of " + s.totalSteps()).orElse("no final model") + "); its checkpoints are how it resumes,"
                        + " so only a finished run is pruned");
            }
            long freed = new CheckpointStore(run.checkpoints(), 1).deleteAll();
            RunStatus current = status.orElseGet(() -> new RunStatus(RunStatus.FORMAT, RunStatus.COMPLETE, 0, 0,
                    RunOptions.DEFAULT_CHECKPOINT_MINUTES, List.of(), false, ""));
            current.asPruned().write(run);
            return freed;
        }
    }

    /** A run killed before its first checkpoint trains again from step 0, into the same directory. */
    private TrainSummary restart(TrainJobConfig config, Setup setup, RunDirectory run, RunStatus status,
            List<? extends TrainerListener> listeners, RunOptions options, RunControl control) throws IOException {
        listeners.forEach(listener -> listener.onRun(run.root(), false));
        announceMemory(setup, listeners);
        listeners.forEach(listener -> listener.onWarning(run.root() + " has no checkpoint yet (it stopped before its first"
                + " one): training it again from step 0"));
        RunStatus started = status;
        started.write(run);
        try (StopSignals signals = signals(options, control, listeners);
             NDManager manager = OfflineEngine.get().newBaseManager();
             MetricsLog metrics = MetricsLog.create(run.metrics())) {
            LanguageModel model = startingModel(config, manager, listeners);
            try (Trainer trainer = trainer(config, setup, model, run, listeners, metrics, started.extensions(), control)) {
                TrainSummary summary = trainer.train();
                finish(config, setup.tokenizer(), model, run, started, summary.steps(), listeners);
                return summary;
            }
        }
    }

    /**
     * A resume of a finished run: nothing to train; the final model is written again only if it is
     * missing. A final checkpoint that keeps its weights in {@code model/} was just read from
     * there (hash verified), so {@code model/} is whole: the run is only marked complete (a crash
     * may have come before that) and a stray copy of the weights is deleted.
     */
    private TrainSummary alreadyComplete(TrainJobConfig config, Tokenizer tokenizer, RunDirectory run, RunStatus status,
            CheckpointStore store, CheckpointStore.Loaded loaded, List<? extends TrainerListener> listeners) throws IOException {
        listeners.forEach(listener -> listener.onRun(run.root(), true));
        if (loaded.checkpoint().state().weightsInModel()) {
            store.shareWithModel(loaded.checkpoint().state().step(), run.model());
            if (!status.complete()) {
                status.at(RunStatus.COMPLETE, loaded.checkpoint().state().step(), "").write(run);
            }
        } else if (!status.complete() || !Files.isRegularFile(run.model().resolve(ModelDirectory.WEIGHTS))) {
            try (NDManager manager = OfflineEngine.get().newBaseManager()) {
                LanguageModel model = rebuiltModel(config, manager);
                ModelWeights.load(model, loaded.checkpoint().model(), loaded.checkpoint().modelFile().toString());
                finish(config, tokenizer, model, run, status, loaded.checkpoint().state().step(), listeners);
            }
        }
        EvalHistory history = MetricsLog.read(run.metrics());
        TrainSummary summary = new TrainSummary(loaded.checkpoint().state().step(), Double.NaN, history.lastValidationLoss(),
                loaded.checkpoint().state().tokensSeen(), loaded.checkpoint().directory(), history);
        listeners.forEach(listener -> listener.onAlreadyComplete(summary));
        return summary;
    }

    /**
     * Saves the final model with its tokenizer and marks the run complete. If {@code model/}
     * cannot be written (a full disk), the trained weights are saved once more to a rescue
     * folder outside the run ({@link #rescueDirectory}) and the error names the file that failed,
     * why, and where the weights are: the rescue folder, or else the final checkpoint, which
     * {@code --resume} turns into {@code model/} once there is space.
     *
     * <p>The order keeps the run resumable at every moment: the final checkpoint is already
     * whole (the trainer wrote it); older checkpoints whose weights live in {@code model/} (an
     * extended run's earlier end) get their own copy back before {@code model/} is overwritten;
     * then {@code model/} is written; only then does the final checkpoint give up its copy of the
     * weights for {@code model/}'s ({@link CheckpointStore#shareWithModel}: a hard link, or a
     * reference with the SHA-256 when the layout differs), and the run is marked complete.
     */
    private void finish(TrainJobConfig config, Tokenizer tokenizer, LanguageModel model, RunDirectory run, RunStatus status, long steps,
            List<? extends TrainerListener> listeners) throws IOException {
        edits.finish(model, config.edits());
        CheckpointStore store = store(run, config);
        Path[] writing = {run.checkpoints()};
        try {
            store.detachFromModel(run.model());
            saveModel(config, tokenizer, model, run.model(), writing);
        } catch (IOException failure) {
            throw new IOException(finalSaveFailure(config, tokenizer, model, run, steps, writing[0], failure), failure);
        }
        try {
            store.shareWithModel(steps, run.model());
        } catch (IOException unshared) {
            String reason = unshared.getMessage() != null ? unshared.getMessage() : unshared.getClass().getSimpleName();
            listeners.forEach(listener -> listener.onWarning("the final checkpoint keeps its own copy of the weights beside "
                    + run.model() + " (sharing them failed: " + reason + ")"));
        }
        status.at(RunStatus.COMPLETE, steps, "").write(run);
        listeners.forEach(listener -> listener.onModelSaved(run.model()));
    }

    /** Writes a model directory: the weights (and config), then the tokenizer; {@code writing[0]} names what is being written. */
    private void saveModel(TrainJobConfig config, Tokenizer tokenizer, LanguageModel model, Path directory, Path[] writing)
            throws IOException {
        writing[0] = directory.resolve(ModelDirectory.WEIGHTS);
        modelSaver.save(model, directory);
        writing[0] = directory.resolve(ModelTokenizer.FILE);
        ModelTokenizer.save(tokenizers, config.tokenizer(), tokenizer, directory);
    }

    /** The one-line error of a failed final save, after trying once to rescue the weights. */
    private String finalSaveFailure(TrainJobConfig config, Tokenizer tokenizer, LanguageModel model, RunDirectory run, long steps,
            Path failedFile, IOException failure) {
        Path file = failure instanceof java.nio.file.FileSystemException system && system.getFile() != null
                ? Path.of(system.getFile()) : failedFile;
        String reason = failure instanceof java.nio.file.FileSystemException system && system.getReason() != null
                ? system.getReason() : failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
        String head = "could not save the final model: writing " + file + " failed (" + reason + "); ";
        Path rescue = rescueDirectory(run);
        Path[] writing = {rescue};
        boolean existed = Files.exists(rescue.getParent());
        try {
            saveModel(config, tokenizer, model, rescue, writing);
            return head + "the trained weights were rescued to " + rescue + " (a model directory); free space and run lmlab"
                    + " train --resume " + run.root() + " to write " + run.model() + " from the final checkpoint";
        } catch (IOException | RuntimeException rescueFailure) {
            failure.addSuppressed(rescueFailure);
            try {
                if (!existed) {
                    deleteTree(rescue.getParent());
                }
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            return head + "rescuing them to " + rescue + " failed too (" + rescueFailure.getMessage() + "); the last checkpoint "
                    + run.checkpoints().resolve(CheckpointStore.directoryName(steps)) + " (step " + steps + ") holds them: free"
                    + " space and run lmlab train --resume " + run.root() + " to save them again";
        }
    }

    /** Where a final model that could not be saved in its run goes: {@code <java.io.tmpdir>/lmlab-rescue-<run name>-<pid>/model}. */
    static Path rescueDirectory(RunDirectory run) {
        Path name = run.root().toAbsolutePath().normalize().getFileName();
        return Path.of(System.getProperty("java.io.tmpdir"))
                .resolve("lmlab-rescue-" + (name != null ? name : "run") + "-" + ProcessHandle.current().pid())
                .resolve("model");
    }

    /** A run's body, which may fail. */
    @FunctionalInterface
    private interface RunBody {
        TrainSummary run() throws IOException;
    }

    /**
     * Runs a run's body and settles what a failure leaves. A new run ({@code fresh}) that fails
     * before its first checkpoint leaves nothing: everything it wrote is deleted, and the
     * directory if it created it. Otherwise the run stays as its last checkpoint left it, its
     * status recording the interruption or the failure. Stop requests come out as
     * {@link TrainingInterruptedException} naming the run directory.
     */
    private TrainSummary guarded(RunDirectory run, boolean fresh, boolean created, RunStatus status, RunBody body) throws IOException {
        try {
            return body.run();
        } catch (TrainingInterruptedException stop) {
            settle(run, fresh, created, status, stop);
            throw stop.inRun(run.root());
        } catch (TrainingDivergedException diverged) {
            boolean removed = settle(run, fresh, created, status, diverged);
            throw removed ? diverged.withNote("nothing was kept in " + run.root()) : diverged;
        } catch (IOException | RuntimeException | Error failure) {
            settle(run, fresh, created, status, failure);
            throw failure;
        }
    }

    /** Removes a fresh run that has no checkpoint, or records the failure; true if removed. */
    private static boolean settle(RunDirectory run, boolean fresh, boolean created, RunStatus status, Throwable failure) {
        boolean hasCheckpoint;
        try {
            hasCheckpoint = !new CheckpointStore(run.checkpoints(), 1).isEmpty();
        } catch (IOException unreadable) {
            hasCheckpoint = true;
        }
        if (fresh && !hasCheckpoint) {
            removeRun(run, created, failure);
            return true;
        }
        boolean interrupted = failure instanceof TrainingInterruptedException;
        long step = failure instanceof TrainingInterruptedException stop ? stop.step() : status.step();
        try {
            status.at(interrupted ? RunStatus.INTERRUPTED : RunStatus.FAILED, step,
                    interrupted ? "" : String.valueOf(failure.getMessage())).write(run);
        } catch (IOException | RuntimeException unwritable) {
            failure.addSuppressed(unwritable);
        }
        return false;
    }

    /** Deletes what a run writes (never anything else), and its directory if the run created it and it is empty. */
    private static void removeRun(RunDirectory run, boolean created, Throwable failure) {
        try {
            for (Path path : run.written()) {
                deleteTree(path);
            }
            if (created) {
                try (java.util.stream.Stream<Path> left = Files.list(run.root())) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(run.root());
                    }
                }
            }
        } catch (IOException | RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** SIGINT/SIGTERM handlers for the run's life, if the options want them (else nothing to restore). */
    private static StopSignals signals(RunOptions options, RunControl control, List<? extends TrainerListener> listeners) {
        return options.handleSignals()
                ? StopSignals.install(control, message -> listeners.forEach(listener -> listener.onStopRequested(message)))
                : null;
    }

    /**
     * The objective and prepared data of a run, checked against the model and tokenizer, and
     * the steps of its own schedule ({@code baseSteps}, before any extension).
     */
    private record Setup(Tokenizer tokenizer, Objective objective, PreparedData prepared, long baseSteps, MemoryEstimate memory) {
    }

    /**
     * Everything a run needs, checked before a file is written: the tokenizer fits the model's
     * vocabulary, the objective the model, the data gives at least one batch of training
     * examples, and the run length makes at least one step.
     */
    private Setup setUp(TrainJobConfig config) throws IOException {
        Tokenizer tokenizer = tokenizers.resolve(config.tokenizer());
        ModelConfig model = config.model();
        if (tokenizer.vocabSize() > model.vocabSize()) {
            throw new IllegalArgumentException("tokenizer " + config.tokenizer() + " has " + tokenizer.vocabSize()
                    + " tokens but model " + model.name() + " only " + model.vocabSize() + " embeddings");
        }
        Objective objective = objectives.create(config.objective(), tokenizer);
        LanguageModel built = models.build(model);
        objective.checkCompatible(built);
        int context = config.effectiveContext();
        DataRequest request = new DataRequest(tokenizer, config.tokenizer(), context, objective.exampleTokens(context), cache);
        PreparedData prepared = dataSources.prepare(config.data(), request);
        int examples = prepared.data().train().size();
        if (examples == 0) {
            throw new IllegalArgumentException(prepared.description() + ": no training example of "
                    + request.exampleTokens() + " tokens fits in the training part");
        }
        TrainConfig train = config.train();
        if (examples < train.batchSize()) {
            throw new IllegalArgumentException(prepared.description() + ": the training set has " + examples
                    + " examples of " + request.exampleTokens() + " tokens, fewer than one batch of " + train.batchSize()
                    + "; use a smaller batch, a shorter context or more data");
        }
        return new Setup(tokenizer, objective, prepared, train.totalSteps(examples), memoryEstimate(config, built));
    }

    /** The estimate for a built (not initialised) model: its edits applied to count what trains (LoRA's adapters). */
    private MemoryEstimate memoryEstimate(TrainJobConfig config, LanguageModel built) {
        edits.modify(built, config.edits(), new RandomStreams(config.train().seed()).init());
        long trainable = edits.trainable(built, config.edits()).valueCount();
        return MemoryEstimate.of(config.model(), built.parameterCount(), trainable, config.train().batchSize(),
                config.effectiveContext());
    }

    /** Refuses a run whose estimate exceeds the available memory (before anything is written). */
    private void requireMemory(Setup setup) {
        setup.memory().requireFits(memory.bytes());
    }

    private static void announceMemory(Setup setup, List<? extends TrainerListener> listeners) {
        listeners.forEach(listener -> listener.onMemoryEstimate(setup.memory().summary()));
    }

    /**
     * The model a run starts from: its source's weights loaded into the (edited) config, with
     * what the edits allow to be missing or extra initialised or dropped and reported; or a
     * freshly initialised preset. Everything random comes from the run's init seed.
     */
    private LanguageModel startingModel(TrainJobConfig config, NDManager manager, List<? extends TrainerListener> listeners)
            throws IOException {
        LanguageModel model = sourceModel(config, manager, listeners);
        edits.modify(model, config.edits(), new RandomStreams(config.train().seed()).init());
        return model;
    }

    /** The model of a run rebuilt to take a checkpoint's weights: built, initialised and edited (LoRA's adapters) as at its start. */
    private LanguageModel rebuiltModel(TrainJobConfig config, NDManager manager) {
        LanguageModel model = models.build(config.model());
        model.initialize(manager);
        edits.modify(model, config.edits(), new RandomStreams(config.train().seed()).init());
        return model;
    }

    private LanguageModel sourceModel(TrainJobConfig config, NDManager manager, List<? extends TrainerListener> listeners)
            throws IOException {
        manager.getEngine().setRandomSeed(new RandomStreams(config.train().seed()).initSeed());
        Optional<Path> directory = sources.directory(config.modelSource());
        if (directory.isPresent()) {
            LoadedModel loaded = modelDirectories.load(directory.get(), config.model(), edits.loading(config.edits()), manager);
            if (!loaded.report().isExact()) {
                listeners.forEach(listener -> listener.onWarning(loaded.report().summary()));
            }
            return loaded.model();
        }
        LanguageModel model = models.build(config.model());
        model.initialize(manager);
        return model;
    }

    /** The run's checkpoints, written through this job's seams, reading weights kept in {@code model/} as {@code --model} does. */
    private CheckpointStore store(RunDirectory run, TrainJobConfig config) {
        return new CheckpointStore(run.checkpoints(), config.train().keepCheckpoints(), checkpointWriter)
                .withStateWriter(stateWriter)
                .withModelReader(modelDirectories::readTensors);
    }

    private Trainer trainer(TrainJobConfig config, Setup setup, LanguageModel model, RunDirectory run,
            List<? extends TrainerListener> listeners, MetricsLog metrics, List<ScheduleSegment> extensions, RunControl control) {
        List<TrainerListener> all = new ArrayList<>(listeners);
        all.add(metrics);
        return new Trainer(model, setup.objective(), setup.prepared().data(), config.train(),
                store(run, config), all,
                edits.trainable(model, config.edits()), extensions, control);
    }
}
