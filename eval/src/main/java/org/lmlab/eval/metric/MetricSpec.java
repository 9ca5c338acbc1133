package org.lmlab.eval.metric;

import java.util.List;
import org.lmlab.eval.task.ItemResult;

/**
 * A task's metric: its name, whether higher is better, and how it aggregates items' values.
 * {@code binary} marks a mean of 0/1 outcomes (accuracy), which also gets the normal-approximation
 * interval and is compared between models with McNemar's test.
 */
public record MetricSpec(String name, boolean higherIsBetter, Aggregation aggregation) {

    /** The mean of a per-item value. */
    public static MetricSpec mean(String name, String value, boolean higherIsBetter) {
        return new MetricSpec(name, higherIsBetter, new Aggregation.Mean(value));
    }

    /** The fraction of items whose {@code correct} value is 1. */
    public static MetricSpec accuracy() {
        return mean("accuracy", "correct", true);
    }

    /** {@code transform(sum numerator / sum denominator)}. */
    public static MetricSpec ratio(String name, String numerator, String denominator, Transform transform, boolean higherIsBetter) {
        return new MetricSpec(name, higherIsBetter, new Aggregation.Ratio(numerator, denominator, transform));
    }

    /** True for a mean of 0/1 outcomes. */
    public boolean binary(List<ItemResult> items) {
        if (!(aggregation instanceof Aggregation.Mean mean)) {
            return false;
        }
        for (ItemResult item : items) {
            double v = item.value(mean.value());
            if (v != 0 && v != 1) {
                return false;
            }
        }
        return true;
    }

    /** The metric over these items. */
    public double over(List<ItemResult> items) {
        return aggregation.over(items);
    }
}
