package org.lmlab.eval.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The paired bootstrap test of whether two models' statistic differs on the same items: resample
 * item indices jointly, and count how often the resampled difference, shifted to a null of no
 * difference, is at least as far from zero as the observed one. Two-sided; the p-value is
 * {@code (count + 1) / (resamples + 1)}, so it is never 0 from a finite sample.
 */
public final class PairedBootstrap {

    private PairedBootstrap() {
    }

    /** The p-value for {@code statistic(a) != statistic(b)}, where {@code a.get(i)} and {@code b.get(i)} are the same item. */
    public static <T> double pValue(List<T> a, List<T> b, ToDoubleFunction<List<T>> statistic, int resamples, long seed) {
        if (a.size() != b.size() || a.isEmpty()) {
            throw new IllegalArgumentException("a paired test needs the same non-zero number of items, got " + a.size() + " and " + b.size());
        }
        double observed = statistic.applyAsDouble(a) - statistic.applyAsDouble(b);
        SplittableRandom random = new SplittableRandom(seed);
        int n = a.size();
        List<T> sampleA = new ArrayList<>(n);
        List<T> sampleB = new ArrayList<>(n);
        int extreme = 0;
        for (int r = 0; r < resamples; r++) {
            sampleA.clear();
            sampleB.clear();
            for (int i = 0; i < n; i++) {
                int pick = random.nextInt(n);
                sampleA.add(a.get(pick));
                sampleB.add(b.get(pick));
            }
            double difference = statistic.applyAsDouble(sampleA) - statistic.applyAsDouble(sampleB);
            if (Math.abs(difference - observed) >= Math.abs(observed)) {
                extreme++;
            }
        }
        return (extreme + 1.0) / (resamples + 1.0);
    }
}
