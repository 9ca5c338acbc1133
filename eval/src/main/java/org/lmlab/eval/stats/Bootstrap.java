package org.lmlab.eval.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap confidence intervals: resample the items with replacement
 * {@code resamples} times from a seeded generator, compute the statistic on each resample, and
 * take the {@code (1-level)/2} and {@code (1+level)/2} quantiles. The same items, statistic and
 * seed give the same interval on any machine.
 */
public final class Bootstrap {

    /** The resample count used when none is given. */
    public static final int DEFAULT_RESAMPLES = 1000;

    private Bootstrap() {
    }

    /** The interval of {@code statistic} over {@code items}. */
    public static <T> Interval interval(List<T> items, ToDoubleFunction<List<T>> statistic, int resamples, long seed, double level) {
        requireArguments(items.size(), resamples, level);
        SplittableRandom random = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        int n = items.size();
        List<T> sample = new ArrayList<>(n);
        for (int r = 0; r < resamples; r++) {
            sample.clear();
            for (int i = 0; i < n; i++) {
                sample.add(items.get(random.nextInt(n)));
            }
            stats[r] = statistic.applyAsDouble(sample);
        }
        return percentiles(stats, resamples, seed, level);
    }

    /** The interval of the mean of {@code values} (faster than the general form). */
    public static Interval meanInterval(double[] values, int resamples, long seed, double level) {
        requireArguments(values.length, resamples, level);
        SplittableRandom random = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        int n = values.length;
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            stats[r] = sum / n;
        }
        return percentiles(stats, resamples, seed, level);
    }

    /** The {@code q} quantile of sorted values, by linear interpolation between closest ranks. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }

    /**
     * The percentile interval of the resampled statistics. A resample where the statistic is
     * undefined (NaN: a ratio whose denominator summed to 0 in that resample) is left out; when
     * every resample is undefined, so is the interval.
     */
    private static Interval percentiles(double[] all, int resamples, long seed, double level) {
        double[] stats = Arrays.stream(all).filter(x -> !Double.isNaN(x)).toArray();
        if (stats.length == 0) {
            return new Interval(Double.NaN, Double.NaN, level, "bootstrap", resamples, seed);
        }
        Arrays.sort(stats);
        double alpha = (1 - level) / 2;
        double low = quantile(stats, alpha);
        double high = quantile(stats, 1 - alpha);
        return new Interval(low, Math.max(low, high), level, "bootstrap", resamples, seed);
    }

    private static void requireArguments(int items, int resamples, double level) {
        if (items == 0) {
            throw new IllegalArgumentException("a bootstrap needs at least one item");
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be positive, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        }
    }
}
