package org.lmlab.models.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks a token from one row of logits in plain Java: greedy, or temperature, top-k and top-p
 * sampling from a seeded generator, so the same seed gives the same text whatever the engine.
 */
public final class TokenSampler {

    private final SamplingConfig config;
    private final SplittableRandom random;

    public TokenSampler(SamplingConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
    }

    /** The next token for these logits [vocab]. */
    public int next(float[] logits) {
        return choose(logits, 0f).token();
    }

    /**
     * The next token, as {@link #next}, and whether the same token would be chosen (with the same
     * random draw) from any logits within {@code tolerance} of these, entry by entry: a batched
     * decoder whose logits differ from one-at-a-time decoding in their last bits keeps a choice only
     * when it is {@link Choice#certain() certain}. The check is conservative: every cut (top-k,
     * top-p, the draw's place among the candidates) must clear the tolerance.
     */
    public Choice choose(float[] logits, float tolerance) {
        if (config.isGreedy()) {
            int best = argMax(logits);
            float second = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < logits.length; i++) {
                if (i != best && logits[i] > second) {
                    second = logits[i];
                }
            }
            return new Choice(best, logits.length == 1 || logits[best] - second > 2 * tolerance);
        }
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
        int kept = config.topK() == 0 ? logits.length : Math.min(config.topK(), logits.length);
        double max = logits[order[0]] / (double) config.temperature();
        double[] weights = new double[kept];
        double total = 0;
        for (int i = 0; i < kept; i++) {
            weights[i] = Math.exp(logits[order[i]] / (double) config.temperature() - max);
            total += weights[i];
        }
        int topK = kept;
        kept = nucleus(weights, total, kept);
        // The draw walks the kept candidates in id order: where it lands depends on which tokens
        // are kept and on their probabilities, not on how nearly equal logits happen to sort.
        double[] weightOf = new double[logits.length];
        Arrays.fill(weightOf, -1);
        double mass = 0;
        for (int i = 0; i < kept; i++) {
            weightOf[order[i]] = weights[i];
            mass += weights[i];
        }
        double fraction = random.nextDouble();
        double draw = fraction * mass;
        double below = 0;
        int chosen = -1;
        int lastKept = -1;
        for (int id = 0; id < weightOf.length && chosen < 0; id++) {
            if (weightOf[id] >= 0) {
                lastKept = id;
                if (draw < below + weightOf[id]) {
                    chosen = id;
                } else {
                    below += weightOf[id];
                }
            }
        }
        if (chosen < 0) {
            // Rounding left the draw past the last share: take the last kept candidate, never sure.
            return new Choice(lastKept, false);
        }
        double epsilon = epsilon(tolerance);
        boolean lowerClear = below == 0 || fraction - below / mass > epsilon;
        boolean upperClear = below + weightOf[chosen] >= mass || (below + weightOf[chosen]) / mass - fraction > epsilon;
        boolean certain = tolerance >= 0 && lowerClear && upperClear
                && clearOfCuts(logits, order, weights, total, topK, kept, tolerance);
        return new Choice(chosen, certain);
    }

    /**
     * True when logits moved by less than {@code tolerance} each keep the same candidates: the
     * sorted neighbours at the top-k cut differ by more than twice the tolerance, and the top-p
     * cumulative fractions on both sides of its cut clear {@code topP} by more than the relative
     * change such a move can cause ({@code expm1(2 tolerance / temperature)}: the shares of two sets of candidates move by at most that factor).
     */
    private boolean clearOfCuts(float[] logits, Integer[] order, double[] weights, double total, int topK, int kept,
            float tolerance) {
        double epsilon = epsilon(tolerance);
        if (topK < logits.length && !separated(logits, order, topK - 1, tolerance)) {
            return false;
        }
        if (config.topP() < 1f) {
            double before = 0;
            for (int i = 0; i < kept - 1; i++) {
                before += weights[i];
            }
            if (config.topP() - before / total <= epsilon || (kept > 1 && !separated(logits, order, kept - 2, tolerance))) {
                return false;
            }
            if (kept < topK && ((before + weights[kept - 1]) / total - config.topP() <= epsilon
                    || !separated(logits, order, kept - 1, tolerance))) {
                return false;
            }
        }
        return true;
    }

    /** How much a fraction of probability mass can move when every logit moves by less than the tolerance. */
    private double epsilon(float tolerance) {
        return Math.expm1(2.0 * tolerance / config.temperature());
    }

    /** True when sorted candidates {@code i} and {@code i + 1} differ by more than twice the tolerance. */
    private static boolean separated(float[] logits, Integer[] order, int i, float tolerance) {
        return i + 1 >= order.length || logits[order[i]] - logits[order[i + 1]] > 2 * tolerance;
    }

    /** A chosen token and whether any logits within the tolerance would choose it too. */
    public record Choice(int token, boolean certain) {
    }

    /** How many of the sorted candidates make up the smallest set with probability at least topP. */
    private int nucleus(double[] weights, double total, int kept) {
        if (config.topP() >= 1f) {
            return kept;
        }
        double cumulative = 0;
        for (int i = 0; i < kept; i++) {
            cumulative += weights[i] / total;
            if (cumulative >= config.topP()) {
                return i + 1;
            }
        }
        return kept;
    }

    /** Index of the largest value; the first one on ties. */
    public static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
