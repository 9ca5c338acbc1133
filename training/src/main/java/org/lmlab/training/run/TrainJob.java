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

/**
 * Trains a model into a run directory, and resumes such a run: resolves the model source (a
 * preset, a model directory or a run, see {@link ModelSources}), the tokenizer, the objective
 * and the data source by name, prepares the examples ({@link DataSources}), and runs the
 * {@link Trainer} with checkpoints and {@code metrics.jsonl}. At the end the final model is
 * saved as a model directory in the run. The command line and experiment files both start
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

    @Inject
    public TrainJob(Models models, ModelDirectory modelDirectories, ModelSources sources, Objectives objectives,
            Tokenizers tokenizers, DataSources dataSources, TrainJobFiles files, ModelEdits edits) {
        this(models, modelDirectories, sources, objectives, tokenizers, dataSources, files, edits, TokenCache.standard());
    }

    private TrainJob(Models models, ModelDirectory modelDirectories, ModelSources sources, Objectives objectives,
            Tokenizers tokenizers, DataSources dataSources, TrainJobFiles files, ModelEdits edits, TokenCache cache) {
        this.models = models;
        this.modelDirectories = modelDirectories;
        this.sources = sources;
        this.objectives = objectives;
        this.tokenizers = tokenizers;
        this.dataSources = dataSources;
        this.files = files;
        this.edits = edits;
        this.cache = cache;
    }

    /** The built-in components, without the command line's injector (tests, small tools). */
    public static TrainJob standard() {
        return Guice.createInjector(new TrainingModule(), new TokenizersModule()).getInstance(TrainJob.class);
    }

    /** The same job with another token cache. */
    public TrainJob withCache(TokenCache other) {
        return new TrainJob(models, modelDirectories, sources, objectives, tokenizers, dataSources, files, edits, other);
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

    /**
     * Starts a run in a new (or empty) directory. Everything is checked (model, tokenizer,
     * objective, data) before the first file is written; then {@code train.json}, and the data
     * source's own files ({@link org.lmlab.training.data.RunFiles}: split files) beside it.
     *
     * @throws IllegalArgumentException if the directory already holds a run, or the model,
     *                                  tokenizer, objective and data do not fit together
     */
    public TrainSummary start(TrainJobConfig config, Path runDirectory, List<? extends TrainerListener> listeners) throws IOException {
        RunDirectory run = new RunDirectory(runDirectory);
        if (run.holdsRun()) {
            throw new IllegalArgumentException(runDirectory + " already holds a run (" + RunDirectory.CONFIG
                    + "); resume it with --resume or choose another output directory");
        }
        Setup setup = setUp(config);
        TrainJobConfig resolved = config.resolved(setup.prepared().fingerprint());
        Files.createDirectories(runDirectory);
        files.write(run.config(), resolved);
        setup.prepared().runFiles().write(runDirectory);
        try (NDManager manager = OfflineEngine.get().newBaseManager(); MetricsLog metrics = MetricsLog.create(run.metrics())) {
            LanguageModel model = startingModel(resolved, manager, listeners);
            try (Trainer trainer = trainer(resolved, setup, model, run, listeners, metrics)) {
                TrainSummary summary = trainer.train();
                modelDirectories.save(model, run.model());
                return summary;
            }
        }
    }

    /**
     * Continues the run in {@code runDirectory} from its newest usable checkpoint, exactly as if
     * it had never stopped; runs written by earlier lmlab formats resume the same way.
     */
    public TrainSummary resume(Path runDirectory, List<? extends TrainerListener> listeners) throws IOException {
        RunDirectory run = new RunDirectory(runDirectory);
        if (!run.holdsRun()) {
            throw new NoSuchFileException(run.config().toString(), null, "not a run directory (no " + RunDirectory.CONFIG + ")");
        }
        TrainJobConfig config = files.read(run.config());
        Setup setup = setUp(config);
        String fingerprint = setup.prepared().fingerprint();
        if (!fingerprint.equals(config.dataFingerprint())) {
            throw new IllegalArgumentException(setup.prepared().description() + " changed since the run started (fingerprint "
                    + fingerprint + ", the run recorded " + config.dataFingerprint() + "); an exact resume needs the same data");
        }
        CheckpointStore.Loaded loaded = new CheckpointStore(run.checkpoints(), config.train().keepCheckpoints()).loadLatest();
        try (NDManager manager = OfflineEngine.get().newBaseManager();
             MetricsLog metrics = MetricsLog.resume(run.metrics(), loaded.checkpoint().state().step())) {
            LanguageModel model = models.build(config.model());
            model.initialize(manager);
            try (Trainer trainer = trainer(config, setup, model, run, listeners, metrics)) {
                loaded.warnings().forEach(warning -> listeners.forEach(listener -> listener.onWarning(warning)));
                TrainSummary summary = trainer.resume(loaded.checkpoint());
                modelDirectories.save(model, run.model());
                return summary;
            }
        }
    }

    /** The objective and prepared data of a run, checked against the model and tokenizer. */
    private record Setup(Objective objective, PreparedData prepared) {
    }

    private Setup setUp(TrainJobConfig config) throws IOException {
        Tokenizer tokenizer = tokenizers.resolve(config.tokenizer());
        ModelConfig model = config.model();
        if (tokenizer.vocabSize() > model.vocabSize()) {
            throw new IllegalArgumentException("tokenizer " + config.tokenizer() + " has " + tokenizer.vocabSize()
                    + " tokens but model " + model.name() + " only " + model.vocabSize() + " embeddings");
        }
        Objective objective = objectives.create(config.objective(), tokenizer);
        objective.checkCompatible(models.build(model));
        int context = config.effectiveContext();
        DataRequest request = new DataRequest(tokenizer, config.tokenizer(), context, objective.exampleTokens(context), cache);
        PreparedData prepared = dataSources.prepare(config.data(), request);
        if (prepared.data().train().size() == 0) {
            throw new IllegalArgumentException(prepared.description() + ": no training example of "
                    + request.exampleTokens() + " tokens fits in the training part");
        }
        return new Setup(objective, prepared);
    }

    /**
     * The model a run starts from: its source's weights loaded into the (edited) config, with
     * what the edits allow to be missing or extra initialised or dropped and reported; or a
     * freshly initialised preset. Everything random comes from the run's init seed.
     */
    private LanguageModel startingModel(TrainJobConfig config, NDManager manager, List<? extends TrainerListener> listeners)
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

    private Trainer trainer(TrainJobConfig config, Setup setup, LanguageModel model, RunDirectory run,
            List<? extends TrainerListener> listeners, MetricsLog metrics) {
        List<TrainerListener> all = new ArrayList<>(listeners);
        all.add(metrics);
        return new Trainer(model, setup.objective(), setup.prepared().data(), config.train(),
                new CheckpointStore(run.checkpoints(), config.train().keepCheckpoints()), all,
                edits.trainable(model, config.edits()));
    }
}
