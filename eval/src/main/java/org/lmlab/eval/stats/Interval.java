package org.lmlab.eval.stats;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A confidence interval: its bounds, its level (0.95), how it was made ({@code bootstrap} or
 * {@code normal}) and, for a bootstrap, the resamples and seed that reproduce it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Interval(double low, double high, double level, String method, Integer resamples, Long seed) {

    public Interval {
        if (!(low <= high) && !(Double.isNaN(low) || Double.isNaN(high))) {
            throw new IllegalArgumentException("interval low " + low + " > high " + high);
        }
    }

    /** True when the interval is a single point (the statistic did not vary under resampling). */
    public boolean isPoint() {
        return low == high;
    }
}
