package org.lmlab.eval.tasks.classification;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.eval.metric.MetricSpec;
import org.lmlab.eval.metric.Transform;
import org.lmlab.eval.task.EvalContext;
import org.lmlab.eval.task.ItemResult;
import org.lmlab.eval.task.Task;
import org.lmlab.eval.task.TaskOutput;
import org.lmlab.training.data.Sha256;

/**
 * Evaluates a classification fine-tune's test predictions (the model's, or the run's Tribuo
 * baseline's): one item per prediction, id {@code test/<source line>}, prediction and gold as
 * class ids in the run's label order. {@code accuracy} is the mean of {@code correct}; per label
 * L, {@code precision_L}, {@code recall_L} and {@code f1_L} are ratios of per-item sums
 * ({@code tp_L / tp_fp_L}, {@code tp_L / tp_fn_L}, {@code 2tp_L / 2tp_fp_fn_L}), so each gets a
 * bootstrap interval over the items like any other metric. The extras hold the confusion matrix
 * (rows gold, columns predicted) and Tribuo's own figures for the same predictions. The
 * predictions must be the run's test split ({@code data/test.tsv}) item for item. Nothing is
 * scored with the model: the run already did. {@link #metrics()} names the labels of the run
 * last read (before any evaluation: of {@code run} when one is given, else accuracy only).
 */
public final class ClassificationTask implements Task {

    /** Bumped when what is read or computed changes. */
    public static final int VERSION = 1;

    private final ClassificationTaskConfig config;
    private volatile List<String> labels;

    public ClassificationTask(ClassificationTaskConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return config.type();
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public List<MetricSpec> metrics() {
        List<String> known = labels;
        if (known == null && !config.run().isEmpty()) {
            try {
                known = new ClassificationRun(Path.of(config.run())).labels();
            } catch (IOException unreadable) {
                known = null;
            }
        }
        return metrics(known == null ? List.of() : known);
    }

    /** Accuracy, then precision, recall and F1 of each label. */
    public static List<MetricSpec> metrics(List<String> labels) {
        List<MetricSpec> metrics = new ArrayList<>();
        metrics.add(MetricSpec.accuracy());
        for (String label : labels) {
            metrics.add(MetricSpec.ratio("precision_" + label, "tp_" + label, "tp_fp_" + label, Transform.IDENTITY, true));
            metrics.add(MetricSpec.ratio("recall_" + label, "tp_" + label, "tp_fn_" + label, Transform.IDENTITY, true));
            metrics.add(MetricSpec.ratio("f1_" + label, "2tp_" + label, "2tp_fp_fn_" + label, Transform.IDENTITY, true));
        }
        return metrics;
    }

    @Override
    public TaskOutput evaluate(EvalContext context) throws IOException {
        ClassificationRun run = new ClassificationRun(runDirectory(context));
        List<String> names = run.labels();
        Path file = run.predictionsFile(config.predictions());
        List<LabelledPrediction> predictions = ClassificationRun.predictions(file);
        checkAgainstTestSplit(run, file, predictions);
        int k = names.size();
        long[][] confusion = new long[k][k];
        List<ItemResult> items = new ArrayList<>();
        for (int i = 0; i < predictions.size(); i++) {
            LabelledPrediction p = predictions.get(i);
            int gold = index(names, p.gold(), file, i + 1, "gold");
            int predicted = index(names, p.predicted(), file, i + 1, "predicted");
            confusion[gold][predicted]++;
            items.add(item(names, p, gold, predicted));
            context.progress().onItems(name(), i + 1, predictions.size());
        }
        labels = names;
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("run", run.directory().toString());
        extras.put("predictions", file.toString());
        extras.put("predictions_sha256", Sha256.of(file));
        List<List<Long>> matrix = new ArrayList<>();
        for (long[] row : confusion) {
            matrix.add(Arrays.stream(row).boxed().toList());
        }
        extras.put("confusion", Map.of("labels", names, "matrix", matrix));
        extras.put("tribuo", TribuoFigures.extras(names, TribuoFigures.evaluate(names, predictions, file.toString())));
        List<String> notes = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int label = c;
            if (Arrays.stream(confusion).mapToLong(row -> row[label]).sum() == 0) {
                notes.add("label '" + names.get(c) + "' is never predicted: its precision is undefined (NaN; Tribuo reports 0)");
            }
        }
        return new TaskOutput(items, extras, notes);
    }

    private static ItemResult item(List<String> names, LabelledPrediction p, int gold, int predicted) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("correct", gold == predicted ? 1.0 : 0.0);
        values.put("probability", p.probability());
        for (int c = 0; c < names.size(); c++) {
            String label = names.get(c);
            double tp = gold == c && predicted == c ? 1 : 0;
            double fp = gold != c && predicted == c ? 1 : 0;
            double fn = gold == c && predicted != c ? 1 : 0;
            values.put("tp_" + label, tp);
            values.put("fp_" + label, fp);
            values.put("fn_" + label, fn);
            values.put("tp_fp_" + label, tp + fp);
            values.put("tp_fn_" + label, tp + fn);
            values.put("2tp_" + label, 2 * tp);
            values.put("2tp_fp_fn_" + label, 2 * tp + fp + fn);
        }
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("text", p.text());
        texts.put("gold", p.gold());
        texts.put("prediction", p.predicted());
        return new ItemResult("test/" + p.id(), null, predicted, gold, gold == predicted, null, values, texts);
    }

    private Path runDirectory(EvalContext context) {
        if (!config.run().isEmpty()) {
            return Path.of(config.run());
        }
        if (context.modelDirectory() == null || context.modelDirectory().toAbsolutePath().getParent() == null) {
            throw new IllegalArgumentException("task.run: required (the lmlab finetune classify run) when the evaluated "
                    + "model is not a run's model/ directory");
        }
        return context.modelDirectory().toAbsolutePath().getParent();
    }

    private static void checkAgainstTestSplit(ClassificationRun run, Path file, List<LabelledPrediction> predictions)
            throws IOException {
        Map<Integer, String> test = run.testSplit();
        Path split = run.directory().resolve("data").resolve("test.tsv");
        if (test.size() != predictions.size()) {
            throw new IOException(file + ": " + predictions.size() + " predictions but " + split + " has " + test.size()
                    + " test items");
        }
        int line = 0;
        for (Map.Entry<Integer, String> item : test.entrySet()) {
            LabelledPrediction p = predictions.get(line++);
            if (p.id() != item.getKey() || !p.gold().equals(item.getValue())) {
                throw new IOException(file + ": line " + line + ": item " + p.id() + " (gold '" + p.gold() + "') is not "
                        + split + "'s item " + line + " (" + item.getKey() + ", gold '" + item.getValue() + "')");
            }
        }
    }

    private static int index(List<String> names, String label, Path file, int line, String field) throws IOException {
        int index = names.indexOf(label);
        if (index < 0) {
            throw new IOException(file + ": line " + line + ": " + field + " label '" + label + "' is not one of the run's labels "
                    + names);
        }
        return index;
    }
}
