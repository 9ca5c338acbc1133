package org.lmlab.eval.judge;

/**
 * What the judge said about one item: the reply's text, the score when the text is an integer
 * from 0 to 100 ({@code null} otherwise: a malformed reply, counted but not scored), and how
 * many requests it took.
 */
public record JudgeReply(String id, String reply, Integer score, int attempts) {

    /** True when the reply was a valid score. */
    public boolean scored() {
        return score != null;
    }

    /**
     * The score in a reply, or {@code null}: the text, stripped of surrounding whitespace, must be
     * decimal digits only (no sign, no words, no decimals) of a value from 0 to 100.
     */
    public static Integer parse(String reply) {
        if (reply == null) {
            return null;
        }
        String text = reply.strip();
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int value = Integer.parseInt(text);
        return value <= 100 ? value : null;
    }
}
