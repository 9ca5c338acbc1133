package org.lmlab.models.score;

/**
 * The log-likelihood a scorer gives a whole sequence: the sum, in nats, of the log-probabilities
 * of the {@code tokens} tokens it scored (rolling next-token prediction for a decoder,
 * pseudo-log-likelihood for a masked model).
 */
public record SequenceLogLikelihood(double logLikelihood, long tokens) {

    public SequenceLogLikelihood {
        if (tokens < 1) {
            throw new IllegalArgumentException("a sequence log-likelihood covers at least one token, got " + tokens);
        }
    }

    /** The mean negative log-likelihood per token and its perplexity, as {@code lmlab score} prints them. */
    public Score score() {
        return new Score(-logLikelihood / tokens, tokens);
    }
}
