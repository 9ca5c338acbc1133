package org.lmlab.finetune.instruct;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Guice;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lmlab.finetune.lora.Lora;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.Tokenizers;
import org.lmlab.tokenizers.TokenizersModule;
import org.lmlab.training.EvalReport;
import org.lmlab.training.TrainSummary;
import org.lmlab.training.TrainerListener;
import org.lmlab.training.model.ModelEdits;
import org.lmlab.training.run.RunDirectory;
import org.lmlab.training.run.TrainJob;
import org.lmlab.training.run.TrainJobConfig;
import org.lmlab.training.text.ModelText;

/**
 * Instruction fine-tuning end to end, on the one {@link TrainJob}: the run's config is the
 * model source with its edits (LoRA or none), the {@code instructions} data source and the
 * {@code instruction} objective; after training, the saved model (adapters merged, a plain
 * model directory) is loaded back and answers every test record
 * ({@value #RESPONSES}), and {@value #SUMMARY} records the parameter counts, the losses
 * before and after training and where everything is.
 */
public final class InstructJob {

    /** The responses file in the run directory: the test records plus {@code model_response}. */
    public static final String RESPONSES = "instruction-data-with-response.json";

    /** The summary file in the run directory. */
    public static final String SUMMARY = "summary.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrainJob trainJob;
    private final Models models;
    private final ModelEdits edits;
    private final ModelDirectory directories;
    private final Tokenizers tokenizers;
    private final PromptFormats formats;

    @Inject
    public InstructJob(TrainJob trainJob, Models models, ModelEdits edits, ModelDirectory directories, Tokenizers tokenizers,
            PromptFormats formats) {
        this.trainJob = trainJob;
        this.models = models;
        this.edits = edits;
        this.directories = directories;
        this.tokenizers = tokenizers;
        this.formats = formats;
    }

    /** The built-in components, without the command line's injector (tests, small tools). */
    public static InstructJob standard() {
        return Guice.createInjector(new InstructionModule(), new TokenizersModule()).getInstance(InstructJob.class);
    }

    /** The parameters of the model as it trains: its own, the adapters an edit added, and those that train. */
    public record ParameterCount(long base, long adapters, long trainable) {
    }

    /** A run about to start: its config and parameter counts. */
    public record Plan(InstructSettings settings, TrainJobConfig config, ParameterCount parameters) {
    }

    /** Losses measured at one evaluation, training (on as many batches as validation) and validation. */
    public record Losses(long step, double train, double validation) {

        static Losses of(EvalReport report) {
            return new Losses(report.step(), report.trainLoss(), report.loss());
        }
    }

    /** What a finished run wrote. */
    public record Result(Path run, TrainSummary training, Losses before, Losses after, int testRecords,
            Path responses, Path summary, Path model, double trainingSeconds, double generationSeconds) {
    }

    /**
     * The run config and parameter counts for these settings, checked as far as possible without
     * reading the data (the format must exist, the edits must fit the model).
     */
    public Plan plan(InstructSettings settings) throws IOException {
        formats.get(settings.format());
        ModelConfig source = trainJob.resolveModel(settings.model());
        ModelConfig edited = trainJob.editedModel(settings.model(), settings.edits());
        int maxLength = settings.maxLength() > 0 ? settings.maxLength() : edited.contextLength();
        String tokenizer = ModelText.tokenizerName(settings.model(), source);
        InstructionsConfig data = InstructionsConfig.of(settings.data().toAbsolutePath().normalize().toString(),
                settings.format(), settings.splitSeed());
        TrainJobConfig config = new TrainJobConfig(settings.model(), edited, settings.edits(), tokenizer, data, null, 0,
                new InstructionConfig(InstructionObjective.NAME, settings.maskPrompt(), maxLength), settings.train());
        return new Plan(settings, config, count(config));
    }

    /**
     * Counts the parameters of a run's model after its edits, from shapes alone (nothing is
     * allocated): what LoRA adds and what trains.
     */
    public ParameterCount count(TrainJobConfig config) {
        LanguageModel model = models.build(config.model());
        long base = model.parameterCount();
        edits.modify(model, config.edits(), 0);
        long total = model.parameterCount();
        return new ParameterCount(base, total - base, edits.trainable(model, config.edits()).valueCount());
    }

    /** Trains, answers the test records and writes the summary into {@code runDirectory}. */
    public Result run(Plan plan, Path runDirectory, List<? extends TrainerListener> listeners) throws IOException {
        List<EvalReport> evaluations = new ArrayList<>();
        List<TrainerListener> all = new ArrayList<>(listeners);
        all.add(new TrainerListener() {
            @Override
            public void onEvaluation(EvalReport report) {
                evaluations.add(report);
            }
        });
        long started = System.nanoTime();
        TrainSummary training = trainJob.start(plan.config(), runDirectory, all);
        double trainingSeconds = (System.nanoTime() - started) / 1e9;
        if (evaluations.isEmpty()) {
            throw new IllegalArgumentException("the validation split is empty, so no loss was measured; use more records");
        }
        Losses before = Losses.of(evaluations.get(0));
        Losses after = Losses.of(evaluations.get(evaluations.size() - 1));

        InstructionsConfig data = (InstructionsConfig) plan.config().data();
        InstructionSplit split = InstructionSplit.of(InstructionFile.read(Path.of(data.path())), data.splitSeed());
        PromptFormat format = formats.get(data.format());
        Tokenizer tokenizer = tokenizers.resolve(plan.config().tokenizer());
        Path model = new RunDirectory(runDirectory).model();
        Path responses = runDirectory.resolve(RESPONSES);
        started = System.nanoTime();
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel trained = directories.load(model, manager);
            List<String> answers = InstructionResponses.generate(trained, tokenizer, format, split.test(),
                    plan.settings().maxNewTokens(), manager);
            InstructionResponses.write(responses, split.test(), answers);
        }
        double generationSeconds = (System.nanoTime() - started) / 1e9;
        Path summary = runDirectory.resolve(SUMMARY);
        Result result = new Result(runDirectory, training, before, after, split.test().size(), responses, summary, model,
                trainingSeconds, generationSeconds);
        JSON.writerWithDefaultPrettyPrinter().writeValue(summary.toFile(), summary(plan, split, result));
        return result;
    }

    private ObjectNode summary(Plan plan, InstructionSplit split, Result result) {
        TrainJobConfig config = plan.config();
        InstructionsConfig data = (InstructionsConfig) config.data();
        InstructionConfig objective = (InstructionConfig) config.objective();
        ObjectNode root = JSON.createObjectNode();
        root.put("model_source", config.modelSource());
        root.put("model", config.model().name());
        root.put("tokenizer", config.tokenizer());
        root.put("data", data.path());
        root.put("format", data.format());
        root.put("split_seed", data.splitSeed());
        ObjectNode sizes = root.putObject("split");
        sizes.put("train", split.train().size());
        sizes.put("validation", split.validation().size());
        sizes.put("test", split.test().size());
        root.put("mask_prompt", objective.maskPrompt());
        root.put("max_length", objective.maxLength());
        root.set("edits", trainJob.files().tree(config).get("edits"));
        root.put("lora", config.edits().stream().anyMatch(edit -> edit.type().equals(Lora.NAME)));
        ObjectNode parameters = root.putObject("parameters");
        parameters.put("base", plan.parameters().base());
        parameters.put("adapters", plan.parameters().adapters());
        parameters.put("trainable", plan.parameters().trainable());
        ObjectNode train = root.putObject("training");
        train.put("steps", result.training().steps());
        train.put("epochs", config.train().epochs());
        train.put("batch", config.train().batchSize());
        train.put("lr", config.train().schedule().peakLr());
        train.put("seed", config.train().seed());
        train.put("eval_batches", config.train().evalBatches());
        train.put("seconds", round(result.trainingSeconds()));
        losses(root.putObject("loss_before"), result.before());
        losses(root.putObject("loss_after"), result.after());
        ObjectNode generation = root.putObject("generation");
        generation.put("records", result.testRecords());
        generation.put("max_new_tokens", plan.settings().maxNewTokens());
        generation.put("decoding", "greedy, stop at end of text");
        generation.put("seconds", round(result.generationSeconds()));
        root.put("responses", RESPONSES);
        root.put("model_directory", result.run().relativize(result.model()).toString());
        return root;
    }

    private static void losses(ObjectNode node, Losses losses) {
        node.put("step", losses.step());
        node.put("train", losses.train());
        node.put("validation", losses.validation());
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
