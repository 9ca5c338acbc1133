package org.lmlab.finetune.baseline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lmlab.finetune.classify.LabelledItem;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The classic baseline every classification run stands beside: bag of words (unigrams and
 * bigrams, {@link BagOfWords}; counts or TF-IDF, {@link Weighting}) and multinomial logistic
 * regression trained by Tribuo's SGD (log loss, AdaGrad at 1.0, {@code epochs} passes,
 * seeded, so the same split gives the same model). Features seen only outside training are
 * ignored; every text also carries a constant feature, so a text of unseen words still gets a
 * prediction (the class prior the model learned).
 */
public final class TribuoBaseline {

    /** Tribuo reports every epoch through java.util.logging at INFO; kept here so the level sticks. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private static final String BIAS = "__bias__";

    private final Weighting weighting;
    private final int epochs;
    private final long seed;

    public TribuoBaseline(Weighting weighting, int epochs, long seed) {
        if (epochs < 1) {
            throw new IllegalArgumentException("baseline epochs: must be positive, got " + epochs);
        }
        this.weighting = weighting;
        this.epochs = epochs;
        this.seed = seed;
    }

    /** TF-IDF, 10 epochs. */
    public static TribuoBaseline standard(long seed) {
        return new TribuoBaseline(Weighting.TFIDF, 10, seed);
    }

    /** What it is, for summaries. */
    public String description() {
        return "Tribuo logistic regression (SGD, AdaGrad, " + epochs + " epochs) on unigram+bigram "
                + (weighting == Weighting.TFIDF ? "TF-IDF" : "counts");
    }

    /** A model trained on these items. */
    public Fitted fit(List<LabelledItem> train) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("baseline: no training items");
        }
        List<Map<String, Integer>> counts = train.stream().map(item -> BagOfWords.counts(item.text())).toList();
        Map<String, Double> idf = new HashMap<>();
        if (weighting == Weighting.TFIDF) {
            Map<String, Integer> documentFrequency = new HashMap<>();
            counts.forEach(document -> document.keySet().forEach(name -> documentFrequency.merge(name, 1, Integer::sum)));
            int n = counts.size();
            documentFrequency.forEach((name, df) -> idf.put(name, Math.log((1.0 + n) / (1.0 + df)) + 1));
        }
        Fitted fitted = new Fitted(idf);
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("lmlab training split",
                new LabelFactory()), new LabelFactory());
        for (int i = 0; i < train.size(); i++) {
            dataset.add(fitted.example(new Label(train.get(i).label()), counts.get(i)));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 0.1), epochs,
                Integer.MAX_VALUE, 1, seed);
        fitted.model = trainer.train(dataset);
        return fitted;
    }

    /** A trained baseline. */
    public final class Fitted {

        private final Map<String, Double> idf;
        private Model<Label> model;

        private Fitted(Map<String, Double> idf) {
            this.idf = idf;
        }

        /** The label and its probability for each text. */
        public List<BaselinePrediction> predict(List<String> texts) {
            List<BaselinePrediction> predictions = new ArrayList<>(texts.size());
            for (String text : texts) {
                Prediction<Label> prediction = model.predict(example(LabelFactory.UNKNOWN_LABEL, BagOfWords.counts(text)));
                String label = prediction.getOutput().getLabel();
                Label scored = prediction.getOutputScores().get(label);
                predictions.add(new BaselinePrediction(label, scored == null ? prediction.getOutput().getScore() : scored.getScore()));
            }
            return predictions;
        }

        private ArrayExample<Label> example(Label label, Map<String, Integer> counts) {
            List<String> names = new ArrayList<>(counts.size() + 1);
            List<Double> values = new ArrayList<>(counts.size() + 1);
            double norm = 0;
            for (Map.Entry<String, Integer> feature : counts.entrySet()) {
                double value = feature.getValue();
                if (weighting == Weighting.TFIDF) {
                    Double weight = idf.get(feature.getKey());
                    if (weight == null) {
                        continue;
                    }
                    value *= weight;
                }
                names.add(feature.getKey());
                values.add(value);
                norm += value * value;
            }
            double scale = weighting == Weighting.TFIDF && norm > 0 ? 1 / Math.sqrt(norm) : 1;
            double[] array = new double[values.size() + 1];
            for (int i = 0; i < values.size(); i++) {
                array[i] = values.get(i) * scale;
            }
            names.add(BIAS);
            array[values.size()] = 1;
            return new ArrayExample<>(label, names.toArray(String[]::new), array);
        }
    }
}
