package org.lmlab.training.objective;

import java.util.Map;
import java.util.TreeMap;

/**
 * A metric as a sum and the count it is a sum over (correct predictions and predictions, for
 * accuracy), so sums from several batches add up before the one division in {@link #mean}.
 */
public record MetricSum(double sum, double count) {

    public MetricSum {
        if (!(count >= 0)) {
            throw new IllegalArgumentException("metric count: must not be negative, got " + count);
        }
    }

    /** The mean, NaN over nothing. */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** This metric plus another of the same kind. */
    public MetricSum plus(MetricSum other) {
        return new MetricSum(sum + other.sum, count + other.count);
    }

    /** Adds {@code more} into {@code into}, name by name. */
    public static void addAll(Map<String, MetricSum> into, Map<String, MetricSum> more) {
        more.forEach((name, value) -> into.merge(name, value, MetricSum::plus));
    }

    /** The means by name, in name order. */
    public static Map<String, Double> means(Map<String, MetricSum> sums) {
        Map<String, Double> means = new TreeMap<>();
        sums.forEach((name, value) -> means.put(name, value.mean()));
        return means;
    }
}
