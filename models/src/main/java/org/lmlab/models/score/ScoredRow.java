package org.lmlab.models.score;

/**
 * One row of a scoring forward pass: the ids the model reads, and the positions whose logits
 * are read with the token each is scored against (the next token for a decoder, the masked
 * original for a masked model).
 */
record ScoredRow(int[] ids, int[] positions, int[] targets) {

    ScoredRow {
        if (positions.length != targets.length || positions.length == 0) {
            throw new IllegalArgumentException("a scored row needs one target per read position and at least one");
        }
    }

    /** Per read position: {@code log p(target)} and whether the target is the most likely token there. */
    record Result(double[] logProbabilities, boolean[] mostLikely) {

        /** The sum of the log-probabilities, in position order. */
        double sum() {
            double total = 0;
            for (double value : logProbabilities) {
                total += value;
            }
            return total;
        }

        boolean allMostLikely() {
            for (boolean value : mostLikely) {
                if (!value) {
                    return false;
                }
            }
            return true;
        }
    }
}
