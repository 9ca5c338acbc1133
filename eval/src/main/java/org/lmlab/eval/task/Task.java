package org.lmlab.eval.task;

import java.io.IOException;
import java.util.List;
import org.lmlab.eval.metric.MetricSpec;

/**
 * One evaluation task (lm-evaluation-harness's shape): its data, a way of scoring a model through
 * the scorer API, and the metrics it reports. {@link #evaluate} returns one {@link ItemResult}
 * per item; the harness aggregates the {@link #metrics()} over them, with confidence intervals
 * and per-group breakdowns, so statistics and paired tests are plain functions of those items.
 */
public interface Task {

    /** The registered name. */
    String name();

    /** Bumped whenever the task's data, scoring or metrics change, so results of different versions are never compared silently. */
    int version();

    /** The headline metrics, each aggregated over the items' {@link ItemResult#values()}. */
    List<MetricSpec> metrics();

    /** Group keys of {@link ItemResult#groups()} to break the metrics down by (BLiMP: {@code category}, {@code paradigm}). */
    default List<String> breakdowns() {
        return List.of();
    }

    /** Scores the model on every item. */
    TaskOutput evaluate(EvalContext context) throws IOException;
}
