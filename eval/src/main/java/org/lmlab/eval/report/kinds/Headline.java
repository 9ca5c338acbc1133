package org.lmlab.eval.report.kinds;

import java.util.ArrayList;
import java.util.List;
import org.lmlab.eval.report.doc.Block;
import org.lmlab.eval.report.doc.TableBuilder;
import org.lmlab.eval.report.render.Formats;
import org.lmlab.eval.stats.Interval;

/** The headline table: what was measured, its value, its 95% interval (when there is one), n and which way is better. */
final class Headline {

    private final List<Object[]> rows = new ArrayList<>();

    /** A row; {@code interval} and {@code n} may be null. */
    Headline add(String scope, String metric, Number value, Interval interval, Integer n, boolean higherIsBetter) {
        rows.add(new Object[] {scope, metric, value, interval == null ? null : Formats.interval(interval.low(), interval.high()),
            n, higherIsBetter ? "↑ higher" : "↓ lower"});
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    Block.Table table() {
        TableBuilder table = new TableBuilder("", "scope", "metric", "value", "95% CI", "n", "better");
        rows.forEach(row -> table.row(row));
        return table.build();
    }
}
