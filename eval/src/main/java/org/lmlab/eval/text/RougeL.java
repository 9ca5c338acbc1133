package org.lmlab.eval.text;

import java.util.List;

/**
 * ROUGE-L (Lin, 2004) between a candidate and a reference: the length of the longest common
 * subsequence of their {@link WordTokens}, as precision (over the candidate's length), recall
 * (over the reference's) and their F-measure with beta 1. Two empty texts score 1; one empty
 * text scores 0.
 */
public final class RougeL {

    private RougeL() {
    }

    /** Precision, recall and F1 of one comparison, with the LCS length they come from. */
    public record Score(int lcs, double precision, double recall, double f1) {
    }

    /** ROUGE-L of a candidate against a reference. */
    public static Score score(String candidate, String reference) {
        return score(WordTokens.of(candidate), WordTokens.of(reference));
    }

    /** ROUGE-L over already tokenised texts. */
    public static Score score(List<String> candidate, List<String> reference) {
        if (candidate.isEmpty() && reference.isEmpty()) {
            return new Score(0, 1.0, 1.0, 1.0);
        }
        if (candidate.isEmpty() || reference.isEmpty()) {
            return new Score(0, 0.0, 0.0, 0.0);
        }
        int lcs = lcs(candidate, reference);
        double precision = (double) lcs / candidate.size();
        double recall = (double) lcs / reference.size();
        double f1 = lcs == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
        return new Score(lcs, precision, recall, f1);
    }

    /** The ROUGE-L F1 of a candidate against a reference (the per-item {@code rouge_l} value). */
    public static double f1(String candidate, String reference) {
        return score(candidate, reference).f1();
    }

    /** The length of the longest common subsequence, by dynamic programming over two rows. */
    static int lcs(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                current[j] = a.get(i - 1).equals(b.get(j - 1))
                        ? previous[j - 1] + 1
                        : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }
}
