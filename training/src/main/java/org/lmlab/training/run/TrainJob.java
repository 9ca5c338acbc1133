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
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.preset.Presets;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.Tokenizers;
import org.lmlab.tokenizers.TokenizersModule;
import org.lmlab.training.Objectives;
import org.lmlab.training.TrainSummary;
import org.lmlab.training.Trainer;
import org.lmlab.training.TrainerListener;
import org.lmlab.training.TrainingModule;
import org.lmlab.training.checkpoint.CheckpointStore;
import org.lmlab.training.data.CorpusSplit;
import org.lmlab.training.data.Sha256;
import org.lmlab.training.data.TokenCache;
import org.lmlab.training.data.TokenFile;
import org.lmlab.training.data.TrainingData;
import org.lmlab.training.data.WindowShape;
import org.lmlab.training.io.TrainingJson;
import org.lmlab.training.metrics.MetricsLog;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.seed.RandomStreams;

/**
 * Pretrains a model on a corpus into a run directory, and resumes such a run: resolves the
 * model (a preset, or a model directory whose weights are the starting point), the tokenizer
 * and objective by name, tokenises the corpus through the {@link TokenCache}, cuts it into the
 * objective's windows, and runs the {@link Trainer} with checkpoints and {@code metrics.jsonl}.
 * At the end the final model is saved as a model directory in the run. The command line and
 * experiment files both start training here.
 */
public final class TrainJob {

    private final Models models;
    private final ModelDirectory modelDirectories;
    private final Objectives objectives;
    private final Tokenizers tokenizers;
    private final TokenCache cache;

    @Inject
    public TrainJob(Models models, ModelDirectory modelDirectories, Objectives objectives, Tokenizers tokenizers) {
        this(models, modelDirectories, objectives, tokenizers, TokenCache.standard());
    }

    /** A job reading and writing token caches in {@code cache}. */
    public TrainJob(Models models, ModelDirectory modelDirectories, Objectives objectives, Tokenizers tokenizers, TokenCache cache) {
        this.models = models;
        this.modelDirectories = modelDirectories;
        this.objectives = objectives;
        this.tokenizers = tokenizers;
        this.cache = cache;
    }

    /** The built-in components, without a surrounding injector. */
    public static TrainJob standard() {
        return Guice.createInjector(new TrainingModule(), new TokenizersModule()).getInstance(TrainJob.class);
    }

    /** The same job with another token cache. */
    public TrainJob withCache(TokenCache other) {
        return new TrainJob(models, modelDirectories, objectives, tokenizers, other);
    }

    /**
     * The config of a model source: a model directory if one exists at that path, else a preset
     * name; something that looks like a path but is not a directory is reported as missing.
     */
    public ModelConfig resolveModel(String source) throws IOException {
        Path path = Path.of(source);
        if (Files.isDirectory(path)) {
            return modelDirectories.readConfig(path);
        }
        if (source.contains("/") || source.contains(java.io.File.separator)) {
            throw new NoSuchFileException(source, null, "no such model directory");
        }
        return Presets.get(source);
    }

    /**
     * Starts a run in a new (or empty) directory.
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
        Path corpus = Path.of(config.data());
        if (!Files.isRegularFile(corpus)) {
            throw new NoSuchFileException(config.data(), null, "no such corpus file");
        }
        TrainJobConfig resolved = config.withDataSha256(Sha256.of(corpus));
        Setup setup = setUp(resolved);
        Files.createDirectories(runDirectory);
        TrainingJson.write(run.config(), resolved);
        try (NDManager manager = OfflineEngine.get().newBaseManager(); MetricsLog metrics = MetricsLog.create(run.metrics())) {
            LanguageModel model = startingModel(resolved, manager);
            try (Trainer trainer = trainer(resolved, setup, model, run, listeners, metrics)) {
                TrainSummary summary = trainer.train();
                modelDirectories.save(model, run.model());
                return summary;
            }
        }
    }

    /**
     * Continues the run in {@code runDirectory} from its newest usable checkpoint, exactly as if
     * it had never stopped.
     */
    public TrainSummary resume(Path runDirectory, List<? extends TrainerListener> listeners) throws IOException {
        RunDirectory run = new RunDirectory(runDirectory);
        if (!run.holdsRun()) {
            throw new NoSuchFileException(run.config().toString(), null, "not a run directory (no " + RunDirectory.CONFIG + ")");
        }
        TrainJobConfig config = TrainingJson.read(run.config(), TrainJobConfig.class);
        Path corpus = Path.of(config.data());
        if (!Files.isRegularFile(corpus)) {
            throw new NoSuchFileException(config.data(), null, "the run's corpus is gone");
        }
        String sha = Sha256.of(corpus);
        if (!sha.equals(config.dataSha256())) {
            throw new IllegalArgumentException(config.data() + " changed since the run started (SHA-256 " + sha
                    + ", the run recorded " + config.dataSha256() + "); an exact resume needs the same data");
        }
        Setup setup = setUp(config);
        CheckpointStore.Loaded loaded = new CheckpointStore(run.checkpoints(), config.train().keepCheckpoints()).loadLatest();
        try (NDManager manager = OfflineEngine.get().newBaseManager();
             MetricsLog metrics = MetricsLog.resume(run.metrics(), loaded.checkpoint().state().step())) {
            LanguageModel model = models.build(config.modelConfig());
            model.initialize(manager);
            try (Trainer trainer = trainer(config, setup, model, run, listeners, metrics)) {
                loaded.warnings().forEach(warning -> listeners.forEach(listener -> listener.onWarning(warning)));
                TrainSummary summary = trainer.resume(loaded.checkpoint());
                modelDirectories.save(model, run.model());
                return summary;
            }
        }
    }

    /** The tokenizer, objective and windowed data of a run, checked against the model. */
    private record Setup(Objective objective, TrainingData data) {
    }

    private Setup setUp(TrainJobConfig config) throws IOException {
        Tokenizer tokenizer = tokenizers.resolve(config.tokenizer());
        ModelConfig model = config.modelConfig();
        if (tokenizer.vocabSize() > model.vocabSize()) {
            throw new IllegalArgumentException("tokenizer " + config.tokenizer() + " has " + tokenizer.vocabSize()
                    + " tokens but model " + model.name() + " only " + model.vocabSize() + " embeddings");
        }
        Objective objective = objectives.create(config.objective(), tokenizer);
        objective.checkCompatible(models.build(model));
        WindowShape windows = objective.windows(config.context());
        if (config.stride() > 0) {
            windows = new WindowShape(windows.length(), config.stride());
        }
        TokenFile tokens = cache.tokens(Path.of(config.data()), config.tokenizer(), tokenizer);
        return new Setup(objective, CorpusSplit.split(tokens, windows, config.validationFraction()));
    }

    private LanguageModel startingModel(TrainJobConfig config, NDManager manager) throws IOException {
        Path source = Path.of(config.model());
        if (Files.isDirectory(source)) {
            return modelDirectories.load(source, manager);
        }
        LanguageModel model = models.build(config.modelConfig());
        manager.getEngine().setRandomSeed(new RandomStreams(config.train().seed()).initSeed());
        model.initialize(manager);
        return model;
    }

    private static Trainer trainer(TrainJobConfig config, Setup setup, LanguageModel model, RunDirectory run,
            List<? extends TrainerListener> listeners, MetricsLog metrics) {
        List<TrainerListener> all = new ArrayList<>(listeners);
        all.add(metrics);
        return new Trainer(model, setup.objective(), setup.data(), config.train(),
                new CheckpointStore(run.checkpoints(), config.train().keepCheckpoints()), all);
    }
}
