package org.lmlab.eval.tasks;

import java.util.List;

/**
 * How scored options become a prediction: the highest-scoring option, and a decision counted
 * right only when the gold option scores strictly higher than every other (a tie is wrong,
 * so a model that scores everything alike gets nothing for free).
 */
public final class Predictions {

    private Predictions() {
    }

    /** The first option with the highest score. */
    public static int argmax(List<Double> scores) {
        int best = 0;
        for (int i = 1; i < scores.size(); i++) {
            if (scores.get(i) > scores.get(best)) {
                best = i;
            }
        }
        return best;
    }

    /** True when option {@code gold} scores strictly higher than every other option. */
    public static boolean strictlyBest(List<Double> scores, int gold) {
        for (int i = 0; i < scores.size(); i++) {
            if (i != gold && !(scores.get(gold) > scores.get(i))) {
                return false;
            }
        }
        return true;
    }
}
