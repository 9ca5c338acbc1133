package org.lmlab.eval.tasks.classification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.baseline.DummyClassifierTrainer;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Tribuo's own figures for a list of predictions, as an independent check of lmlab's metrics:
 * the predictions become Tribuo {@link Prediction}s over a label domain holding every label (a
 * constant dummy model trained on one example per label carries that domain) and go through
 * {@link LabelEvaluator}; the {@link LabelEvaluation} gives accuracy, macro-averaged F1, per-label
 * precision, recall and F1 and the confusion counts. Tribuo scores a label that is never
 * predicted (or never gold) with precision (recall) 0 where lmlab's ratio is undefined (NaN).
 */
public final class TribuoFigures {

    private static final String FEATURE = "constant";

    private TribuoFigures() {
    }

    /** The evaluation of these predictions, labels by name. */
    public static LabelEvaluation evaluate(List<String> labels, List<LabelledPrediction> predictions, String source) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> domain = new MutableDataset<>(new SimpleDataSourceProvenance("label domain", factory), factory);
        for (String label : labels) {
            domain.add(example(label));
        }
        Model<Label> model = DummyClassifierTrainer.createConstantTrainer(labels.get(0)).train(domain);
        List<Prediction<Label>> tribuo = new ArrayList<>();
        for (LabelledPrediction prediction : predictions) {
            tribuo.add(new Prediction<>(new Label(prediction.predicted(), prediction.probability()), 1, example(prediction.gold())));
        }
        return new LabelEvaluator().evaluate(model, tribuo, new SimpleDataSourceProvenance(source, factory));
    }

    /** The figures as {@code metrics.json} extras: accuracy, macro F1, and precision, recall, F1 per label. */
    public static Map<String, Object> extras(List<String> labels, LabelEvaluation evaluation) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("accuracy", evaluation.accuracy());
        figures.put("macro_f1", evaluation.macroAveragedF1());
        Map<String, Object> perLabel = new LinkedHashMap<>();
        for (String name : labels) {
            Label label = new Label(name);
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("precision", evaluation.precision(label));
            row.put("recall", evaluation.recall(label));
            row.put("f1", evaluation.f1(label));
            perLabel.put(name, row);
        }
        figures.put("per_label", perLabel);
        return figures;
    }

    private static ArrayExample<Label> example(String label) {
        return new ArrayExample<>(new Label(label), new String[] {FEATURE}, new double[] {1.0});
    }
}
