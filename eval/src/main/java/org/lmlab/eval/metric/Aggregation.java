package org.lmlab.eval.metric;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.lmlab.eval.task.ItemResult;

/**
 * How a metric is computed from items' values, declared so any reader of {@code results.jsonl}
 * can recompute it on a resample: the {@link Mean} of one value (accuracy is the mean of
 * {@code correct}), or a {@link Ratio} of two sums, transformed (perplexity is
 * {@code exp(sum nll / sum tokens)}, bits per byte {@code sum nll / sum bytes / ln 2}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = Aggregation.Mean.class, name = "mean"),
               @JsonSubTypes.Type(value = Aggregation.Ratio.class, name = "ratio")})
public sealed interface Aggregation {

    /** The metric over these items. */
    double over(List<ItemResult> items);

    /** The mean of {@code value} over the items. */
    record Mean(String value) implements Aggregation {
        @Override
        public double over(List<ItemResult> items) {
            if (items.isEmpty()) {
                return Double.NaN;
            }
            double sum = 0;
            for (ItemResult item : items) {
                sum += item.value(value);
            }
            return sum / items.size();
        }
    }

    /** {@code transform(sum numerator / sum denominator)} over the items. */
    record Ratio(String numerator, String denominator, Transform transform) implements Aggregation {
        @Override
        public double over(List<ItemResult> items) {
            double top = 0;
            double bottom = 0;
            for (ItemResult item : items) {
                top += item.value(numerator);
                bottom += item.value(denominator);
            }
            return bottom == 0 ? Double.NaN : transform.apply(top / bottom);
        }
    }
}
