package org.lmlab.eval.stats;

import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * The Wilcoxon signed-rank test on paired per-item scores (Commons Math): exact for up to 30
 * non-zero differences, the normal approximation above. Two-sided p-value; 1 when every pair is equal.
 */
public final class SignedRank {

    private static final int EXACT_LIMIT = 30;

    private SignedRank() {
    }

    public static double pValue(double[] a, double[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("a paired test needs the same non-zero number of scores, got " + a.length + " and " + b.length);
        }
        int differing = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                differing++;
            }
        }
        if (differing == 0) {
            return 1.0;
        }
        double[] x = new double[differing];
        double[] y = new double[differing];
        for (int i = 0, j = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                x[j] = a[i];
                y[j] = b[i];
                j++;
            }
        }
        return new WilcoxonSignedRankTest().wilcoxonSignedRankTest(x, y, differing <= EXACT_LIMIT);
    }
}
