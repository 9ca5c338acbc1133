package org.lmlab.eval.report.plot;

import java.util.List;

/** A named line of (x, y) points for a {@link Charts#lines} plot. */
public record Series(String name, List<double[]> points) {

    public Series {
        points = List.copyOf(points);
    }
}
