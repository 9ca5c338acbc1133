package org.lmlab.eval.metric;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.lmlab.eval.stats.Interval;

/**
 * A metric's value over a task's items, as {@code metrics.json} records it: the declaration
 * (higher is better, the aggregation), the item count, the 95% bootstrap interval, and for a
 * 0/1 mean (accuracy) also the normal-approximation interval.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricValue(String name, double value, boolean higherIsBetter, Aggregation aggregation, int n,
        Interval ci, Interval normalCi) {
}
