package org.lmlab.models.score;

/**
 * The answer to a {@link LogLikelihoodRequest}, as lm-evaluation-harness returns it.
 *
 * @param logLikelihood the sum over the continuation's tokens of {@code log p(token | everything before it)}, in nats
 * @param greedy        whether every continuation token is the model's most likely next token there
 *                      (a token tied for the highest probability counts), i.e. greedy decoding
 *                      from the context would have produced the continuation
 */
public record LogLikelihood(double logLikelihood, boolean greedy) {
}
