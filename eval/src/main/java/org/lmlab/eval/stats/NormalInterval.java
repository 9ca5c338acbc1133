package org.lmlab.eval.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/** The normal-approximation (Wald) interval of a proportion, {@code p ± z sqrt(p(1-p)/n)}, clipped to [0, 1]. */
public final class NormalInterval {

    private NormalInterval() {
    }

    public static Interval forProportion(long successes, long n, double level) {
        if (n <= 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("need 0 <= successes <= n and n > 0, got " + successes + " of " + n);
        }
        double p = (double) successes / n;
        double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        double half = z * Math.sqrt(p * (1 - p) / n);
        return new Interval(Math.max(0, p - half), Math.min(1, p + half), level, "normal", null, null);
    }
}
