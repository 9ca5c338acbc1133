package org.lmlab.finetune.classify;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.lmlab.finetune.baseline.BaselinePrediction;
import org.lmlab.finetune.baseline.TribuoBaseline;
import org.lmlab.layers.config.ConfigMapper;
import org.lmlab.layers.config.Json;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.Models;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.io.ModelDirectory;
import org.lmlab.models.safetensors.AtomicFiles;
import org.lmlab.tokenizers.Tokenizer;
import org.lmlab.tokenizers.Tokenizers;
import org.lmlab.training.TrainConfig;
import org.lmlab.training.TrainSummary;
import org.lmlab.training.TrainerListener;
import org.lmlab.training.metrics.MetricsLog;
import org.lmlab.training.model.ModelEditConfig;
import org.lmlab.training.model.ModelEdits;
import org.lmlab.training.model.ModelSources;
import org.lmlab.training.model.ReplaceHead;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;
import org.lmlab.training.run.RunDirectory;
import org.lmlab.training.run.TrainJob;
import org.lmlab.training.run.TrainJobConfig;
import org.lmlab.training.seed.RandomStreams;
import org.lmlab.training.step.Evaluator;
import org.lmlab.training.text.ModelText;

/**
 * A classification fine-tune from start to finish, through the one {@link TrainJob}: the
 * labelled data is read and split ({@link LabelledDataConfig}), the model source gets a
 * classification head with one class per label ({@code replace-head}, which drops and reports
 * a pretraining head) and the edits of the {@link TrainPolicy}, the {@code classification}
 * objective trains it with the split's train and validation examples, and then:
 *
 * <ul>
 *   <li>{@code metrics.jsonl} gets a {@code test} line (loss, targets, accuracy; the evaluator
 *       of training over the whole test split);</li>
 *   <li>{@code model/labels.json} ({@link ClassifierFile}) makes the saved model a classifier
 *       {@code lmlab classify} reads;</li>
 *   <li>{@code predictions-test.jsonl}: per test item its id (source line), text, gold and
 *       predicted label and the predicted label's probability;</li>
 *   <li>with the baseline, {@code predictions-test-baseline.jsonl} likewise from
 *       {@link TribuoBaseline} trained on the same training split;</li>
 *   <li>{@code summary.json}: accuracy per split for the model and the baseline, and what ran.</li>
 * </ul>
 *
 * The split files and their SHA-256 are in the run's {@code data/}, written by the data source.
 */
public final class ClassifyJob {

    /** Test predictions of the fine-tuned model. */
    public static final String PREDICTIONS = "predictions-test.jsonl";

    /** Test predictions of the baseline. */
    public static final String BASELINE_PREDICTIONS = "predictions-test-baseline.jsonl";

    /** Accuracy per split and the run's settings. */
    public static final String SUMMARY = "summary.json";

    private static final ObjectMapper LINES = new ObjectMapper();

    private final TrainJob job;
    private final ModelSources sources;
    private final Models models;
    private final ModelDirectory directories;
    private final Tokenizers tokenizers;
    private final ConfigMapper mapper;
    private final ModelEdits edits;

    @Inject
    public ClassifyJob(TrainJob job, ModelSources sources, Models models, ModelDirectory directories, Tokenizers tokenizers,
            ConfigMapper mapper, ModelEdits edits) {
        this.job = job;
        this.sources = sources;
        this.models = models;
        this.directories = directories;
        this.tokenizers = tokenizers;
        this.mapper = mapper;
        this.edits = edits;
    }

    /** The same job with another training job (one with a test token cache, say). */
    public ClassifyJob with(TrainJob other) {
        return new ClassifyJob(other, sources, models, directories, tokenizers, mapper, edits);
    }

    /** The run config the request makes, checked but not started: what {@code train.json} will hold. */
    public Plan plan(ClassifyRequest request) throws IOException {
        LabelledSplits splits = request.data().load();
        List<ModelEditConfig> modelEdits = new ArrayList<>();
        modelEdits.add(new ReplaceHead.Config(ReplaceHead.NAME, HeadConfig.classification(splits.labels().size())));
        modelEdits.addAll(TrainPolicy.edits(request.train(), request.loraRank(), request.loraAlpha(), mapper));
        String tokenizerName = request.tokenizer() != null ? request.tokenizer() : tokenizerName(request.modelSource());
        ModelConfig edited = job.editedModel(request.modelSource(), modelEdits);
        int context = edited.contextLength();
        if (request.maxLength() > context) {
            throw new IllegalArgumentException("--max-length: " + request.maxLength() + " is longer than model '"
                    + edited.name() + "''s " + context + " positions");
        }
        int maxLength = request.maxLength() > 0 ? request.maxLength() : context;
        Tokenizer tokenizer = tokenizers.resolve(tokenizerName);
        LanguageModel shape = models.build(edited);
        ClassificationConfig objective = new ClassificationConfig(ClassificationObjective.NAME,
                ClassificationObjective.framingFor(shape, tokenizer), maxLength);
        TrainConfig train = new TrainConfig(request.batch(), 1, request.steps(), request.epochs(), 0, request.evalEvery(), 0,
                0, 1, request.logEvery(), request.seed(), AdamWConfig.BOOK.withWeightDecay(request.weightDecay()),
                ScheduleConfig.constant(request.lr()));
        TrainJobConfig config = new TrainJobConfig(request.modelSource(), edited, modelEdits, tokenizerName, request.data(),
                null, maxLength, objective, train);
        edits.modify(shape, modelEdits, 0);
        long trainable = edits.trainable(shape, modelEdits).valueCount();
        return new Plan(config, splits, tokenizer, trainable);
    }

    /** A run config with its data, tokenizer and the number of values that train. */
    public record Plan(TrainJobConfig config, LabelledSplits splits, Tokenizer tokenizer, long trainableParameters) {
    }

    /**
     * The tokenizer of a model source: a run's own (its {@code train.json}), else the model
     * directory's {@code tokenizer.json}, else the bundled one of the model's vocabulary size.
     */
    private String tokenizerName(String modelSource) throws IOException {
        Path path = Path.of(modelSource);
        RunDirectory run = new RunDirectory(path);
        if (Files.isDirectory(path) && run.holdsRun()) {
            return job.files().read(run.config()).tokenizer();
        }
        Optional<Path> directory = sources.directory(modelSource);
        return ModelText.tokenizerName(directory.map(Path::toString).orElse(modelSource), sources.config(modelSource));
    }

    /** Plans, trains, tests and writes the run's files. */
    public ClassifyResult run(ClassifyRequest request, List<? extends TrainerListener> listeners) throws IOException {
        Plan plan = plan(request);
        long started = System.nanoTime();
        TrainSummary trained = job.start(plan.config(), request.out(), listeners);
        RunDirectory run = new RunDirectory(request.out());
        TrainJobConfig config = plan.config();
        ClassificationConfig objectiveConfig = (ClassificationConfig) config.objective();
        ClassifierFile classifier = new ClassifierFile(plan.splits().labels().names(), config.tokenizer(),
                objectiveConfig.framing(), objectiveConfig.maxLength());
        classifier.write(run.model());
        Path tokenizerFile = Path.of(config.tokenizer());
        if (Files.isRegularFile(tokenizerFile) && tokenizerFile.getFileName().toString().endsWith(".json")) {
            Files.copy(tokenizerFile, run.model().resolve("tokenizer.json"));
        }

        LabelledSplits splits = plan.splits();
        Labels labels = splits.labels();
        ClassificationObjective objective = new ClassificationObjective(objectiveConfig, plan.tokenizer());
        Map<String, Double> accuracy = new LinkedHashMap<>();
        Map<String, double[][]> probabilities = new TreeMap<>();
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = directories.load(run.model(), manager);
            for (String split : LabelledSplits.NAMES) {
                ClassificationExamples examples = ClassificationExamples.of(splits.get(split), labels, plan.tokenizer(), splits.source());
                double[][] p = ClassificationPredictor.probabilities(model, objective, examples, request.batch());
                probabilities.put(split, p);
                accuracy.put(split, accuracy(p, splits.get(split), labels));
                if (split.equals("test") && examples.size() > 0) {
                    Evaluator.Result test = new Evaluator(model, objective, new RandomStreams(request.seed()), request.batch(), 0)
                            .evaluate(examples);
                    MetricsLog.appendEvaluation(run.metrics(), trained.steps(), "test", test.loss(), test.targets(), test.metrics());
                }
            }
        }
        List<LabelledItem> test = splits.test();
        long correct = 0;
        try (BufferedWriter out = Files.newBufferedWriter(request.out().resolve(PREDICTIONS), StandardCharsets.UTF_8)) {
            double[][] p = probabilities.get("test");
            for (int i = 0; i < test.size(); i++) {
                int best = ClassificationPredictor.argMax(p[i]);
                correct += labels.name(best).equals(test.get(i).label()) ? 1 : 0;
                writePrediction(out, test.get(i), labels.name(best), p[i][best]);
            }
        }

        Map<String, Double> baselineAccuracy = new LinkedHashMap<>();
        TribuoBaseline baseline = TribuoBaseline.standard(request.seed());
        if (request.baseline()) {
            TribuoBaseline.Fitted fitted = baseline.fit(splits.train());
            for (String split : LabelledSplits.NAMES) {
                List<LabelledItem> items = splits.get(split);
                List<BaselinePrediction> predicted = fitted.predict(items.stream().map(LabelledItem::text).toList());
                long right = 0;
                for (int i = 0; i < items.size(); i++) {
                    right += predicted.get(i).label().equals(items.get(i).label()) ? 1 : 0;
                }
                baselineAccuracy.put(split, items.isEmpty() ? Double.NaN : (double) right / items.size());
                if (split.equals("test")) {
                    try (BufferedWriter out = Files.newBufferedWriter(request.out().resolve(BASELINE_PREDICTIONS), StandardCharsets.UTF_8)) {
                        for (int i = 0; i < items.size(); i++) {
                            writePrediction(out, items.get(i), predicted.get(i).label(), predicted.get(i).probability());
                        }
                    }
                }
            }
        }
        ClassifyResult result = new ClassifyResult(request.out(), trained.steps(), plan.trainableParameters(), accuracy,
                correct, test.size(), baselineAccuracy);
        writeSummary(request, plan, result, baseline, (System.nanoTime() - started) / 1e9);
        return result;
    }

    private static Map<String, Double> inSplitOrder(Map<String, Double> bySplit) {
        Map<String, Double> ordered = new LinkedHashMap<>();
        LabelledSplits.NAMES.forEach(split -> ordered.put(split, bySplit.get(split)));
        return ordered;
    }

    private static double accuracy(double[][] probabilities, List<LabelledItem> items, Labels labels) {
        if (items.isEmpty()) {
            return Double.NaN;
        }
        long right = 0;
        for (int i = 0; i < items.size(); i++) {
            right += labels.name(ClassificationPredictor.argMax(probabilities[i])).equals(items.get(i).label()) ? 1 : 0;
        }
        return (double) right / items.size();
    }

    private static void writePrediction(BufferedWriter out, LabelledItem item, String predicted, double probability)
            throws IOException {
        ObjectNode line = LINES.createObjectNode();
        line.put("id", item.id());
        line.put("text", item.text());
        line.put("gold", item.label());
        line.put("predicted", predicted);
        line.put("probability", probability);
        out.write(LINES.writeValueAsString(line));
        out.newLine();
    }

    private void writeSummary(ClassifyRequest request, Plan plan, ClassifyResult result, TribuoBaseline baseline,
            double seconds) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("model_source", request.modelSource());
        summary.put("model", plan.config().model().name());
        summary.put("data", plan.splits().source());
        summary.put("labels", plan.splits().labels().names());
        Map<String, Integer> sizes = new LinkedHashMap<>();
        LabelledSplits.NAMES.forEach(split -> sizes.put(split, plan.splits().get(split).size()));
        summary.put("examples", sizes);
        summary.put("train_policy", request.train());
        summary.put("trainable_parameters", result.trainableParameters());
        summary.put("steps", result.steps());
        summary.put("epochs", request.steps() > 0 ? 0 : request.epochs());
        summary.put("lr", request.lr());
        summary.put("batch", request.batch());
        summary.put("max_length", ((ClassificationConfig) plan.config().objective()).maxLength());
        summary.put("seed", request.seed());
        summary.put("accuracy", inSplitOrder(result.accuracy()));
        summary.put("test_correct", result.testCorrect());
        if (request.baseline()) {
            Map<String, Object> base = new LinkedHashMap<>();
            base.put("description", baseline.description());
            base.put("accuracy", inSplitOrder(result.baselineAccuracy()));
            summary.put("baseline", base);
        }
        summary.put("seconds", Math.round(seconds * 10) / 10.0);
        AtomicFiles.write(request.out().resolve(SUMMARY), Json.bytes(Json.MAPPER, summary));
    }
}
