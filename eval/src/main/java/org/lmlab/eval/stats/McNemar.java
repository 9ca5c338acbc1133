package org.lmlab.eval.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * McNemar's exact test on paired right/wrong outcomes of two models on the same items: only the
 * discordant pairs count ({@code onlyA}: A right and B wrong, {@code onlyB} the reverse); under
 * the null they split as Binomial(onlyA + onlyB, 1/2). The two-sided p-value is twice the smaller
 * tail, capped at 1.
 */
public final class McNemar {

    private McNemar() {
    }

    public static double exactP(int onlyA, int onlyB) {
        if (onlyA < 0 || onlyB < 0) {
            throw new IllegalArgumentException("discordant counts must not be negative, got " + onlyA + ", " + onlyB);
        }
        int n = onlyA + onlyB;
        if (n == 0) {
            return 1.0;
        }
        BinomialDistribution binomial = new BinomialDistribution(null, n, 0.5);
        return Math.min(1.0, 2 * binomial.cumulativeProbability(Math.min(onlyA, onlyB)));
    }

    /** The test on two aligned outcome arrays (same items, same order). */
    public static double exactP(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired outcomes differ in length: " + a.length + " vs " + b.length);
        }
        int onlyA = 0;
        int onlyB = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && !b[i]) {
                onlyA++;
            } else if (b[i] && !a[i]) {
                onlyB++;
            }
        }
        return exactP(onlyA, onlyB);
    }
}
