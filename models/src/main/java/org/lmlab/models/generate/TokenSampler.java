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
        if (config.isGreedy()) {
            return argMax(logits);
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
        kept = nucleus(weights, total, kept);
        double mass = 0;
        for (int i = 0; i < kept; i++) {
            mass += weights[i];
        }
        double draw = random.nextDouble() * mass;
        for (int i = 0; i < kept; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return order[i];
            }
        }
        return order[kept - 1];
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
