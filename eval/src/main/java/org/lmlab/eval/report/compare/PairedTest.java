package org.lmlab.eval.report.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.eval.metric.Aggregation;
import org.lmlab.eval.metric.MetricSpec;
import org.lmlab.eval.stats.McNemar;
import org.lmlab.eval.stats.PairedBootstrap;
import org.lmlab.eval.stats.SignedRank;
import org.lmlab.eval.task.ItemResult;

/**
 * A metric of one run tested against the baseline run on the items both have (paired by id; the
 * others are left out and counted): McNemar's exact test for a mean of 0/1 values (accuracy),
 * otherwise the paired bootstrap over the metric's own aggregation (so ratio metrics such as
 * perplexity work) and the Wilcoxon signed-rank test on the per-item values (a ratio metric's
 * per-item numerator over denominator).
 */
public record PairedTest(int paired, int leftOut, Double mcnemar, Double bootstrap, Double signedRank) {

    /** The tests of {@code metric} between the baseline's items and the other run's. */
    public static PairedTest of(MetricSpec metric, List<ItemResult> baseline, List<ItemResult> other, int resamples, long seed) {
        Map<String, ItemResult> others = new LinkedHashMap<>();
        other.forEach(item -> others.put(item.id(), item));
        List<ItemResult> a = new ArrayList<>();
        List<ItemResult> b = new ArrayList<>();
        for (ItemResult item : baseline) {
            ItemResult match = others.get(item.id());
            if (match != null) {
                a.add(item);
                b.add(match);
            }
        }
        int leftOut = baseline.size() - a.size() + other.size() - b.size();
        if (a.isEmpty()) {
            return new PairedTest(0, leftOut, null, null, null);
        }
        if (metric.binary(a) && metric.binary(b)) {
            String value = ((Aggregation.Mean) metric.aggregation()).value();
            int onlyA = 0;
            int onlyB = 0;
            for (int i = 0; i < a.size(); i++) {
                boolean x = a.get(i).value(value) == 1;
                boolean y = b.get(i).value(value) == 1;
                onlyA += x && !y ? 1 : 0;
                onlyB += y && !x ? 1 : 0;
            }
            return new PairedTest(a.size(), leftOut, McNemar.exactP(onlyA, onlyB), null, null);
        }
        double bootstrap = PairedBootstrap.pValue(a, b, metric::over, resamples, seed);
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            double x = perItem(metric.aggregation(), a.get(i));
            double y = perItem(metric.aggregation(), b.get(i));
            if (Double.isFinite(x) && Double.isFinite(y)) {
                pairs.add(new double[] {x, y});
            }
        }
        Double signedRank = null;
        if (!pairs.isEmpty()) {
            double[] x = new double[pairs.size()];
            double[] y = new double[pairs.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = pairs.get(i)[0];
                y[i] = pairs.get(i)[1];
            }
            signedRank = SignedRank.pValue(x, y);
        }
        return new PairedTest(a.size(), leftOut, null, bootstrap, signedRank);
    }

    /** An item's own value of the metric: the mean's value, or the ratio's numerator over its denominator. */
    static double perItem(Aggregation aggregation, ItemResult item) {
        if (aggregation instanceof Aggregation.Mean mean) {
            return item.value(mean.value());
        }
        Aggregation.Ratio ratio = (Aggregation.Ratio) aggregation;
        double bottom = item.value(ratio.denominator());
        return bottom == 0 ? Double.NaN : item.value(ratio.numerator()) / bottom;
    }
}
