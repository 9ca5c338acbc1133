package org.lmlab.eval.metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lmlab.eval.stats.Bootstrap;
import org.lmlab.eval.stats.Interval;
import org.lmlab.eval.stats.NormalInterval;
import org.lmlab.eval.task.ItemResult;

/**
 * Turns items into metric values with intervals: every metric gets a seeded percentile
 * bootstrap over the items, a 0/1 mean also the normal interval; breakdowns apply the same
 * metrics (values only) to each group of a key, in sorted group order.
 */
public final class MetricSummaries {

    /** The interval level used everywhere. */
    public static final double LEVEL = 0.95;

    private final int resamples;
    private final long seed;

    public MetricSummaries(int resamples, long seed) {
        this.resamples = resamples;
        this.seed = seed;
    }

    /** Each metric over all items, with its intervals. */
    public List<MetricValue> summarise(List<MetricSpec> metrics, List<ItemResult> items) {
        List<MetricValue> values = new ArrayList<>();
        for (MetricSpec metric : metrics) {
            values.add(summarise(metric, items));
        }
        return values;
    }

    /** One metric over the items, with its intervals ({@code null} intervals when there are no items). */
    public MetricValue summarise(MetricSpec metric, List<ItemResult> items) {
        double value = metric.over(items);
        if (items.isEmpty()) {
            return new MetricValue(metric.name(), value, metric.higherIsBetter(), metric.aggregation(), 0, null, null);
        }
        Interval ci;
        Interval normal = null;
        if (metric.aggregation() instanceof Aggregation.Mean mean) {
            double[] per = new double[items.size()];
            for (int i = 0; i < per.length; i++) {
                per[i] = items.get(i).value(mean.value());
            }
            ci = Bootstrap.meanInterval(per, resamples, seed, LEVEL);
            if (metric.binary(items)) {
                long successes = Math.round(value * items.size());
                normal = NormalInterval.forProportion(successes, items.size(), LEVEL);
            }
        } else {
            ci = Bootstrap.interval(items, metric::over, resamples, seed, LEVEL);
        }
        return new MetricValue(metric.name(), value, metric.higherIsBetter(), metric.aggregation(), items.size(), ci, normal);
    }

    /** For each key, each group's metric values (no intervals), groups sorted by name. */
    public static Map<String, Map<String, Map<String, Double>>> breakdowns(List<String> keys, List<MetricSpec> metrics,
            List<ItemResult> items) {
        Map<String, Map<String, Map<String, Double>>> byKey = new LinkedHashMap<>();
        for (String key : keys) {
            Map<String, List<ItemResult>> groups = new TreeMap<>();
            for (ItemResult item : items) {
                String group = item.groups().get(key);
                if (group != null) {
                    groups.computeIfAbsent(group, g -> new ArrayList<>()).add(item);
                }
            }
            Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
            groups.forEach((group, members) -> {
                Map<String, Double> row = new LinkedHashMap<>();
                row.put("n", (double) members.size());
                for (MetricSpec metric : metrics) {
                    row.put(metric.name(), metric.over(members));
                }
                rows.put(group, row);
            });
            byKey.put(key, rows);
        }
        return byKey;
    }
}
