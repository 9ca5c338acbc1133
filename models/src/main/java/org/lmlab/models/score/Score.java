package org.lmlab.models.score;

/** A mean negative log-likelihood in nats over {@code tokens} scored tokens, and its perplexity. */
public record Score(double loss, long tokens) {

    /** {@code exp(loss)}. */
    public double perplexity() {
        return Math.exp(loss);
    }

    /** The {@code lmlab score} output line. */
    public String format() {
        return String.format(java.util.Locale.ROOT, "loss=%.6f ppl=%.4f tokens=%d", loss, perplexity(), tokens);
    }
}
