package org.lmlab.training.data;

import org.lmlab.tokenizers.Tokenizer;

/**
 * What a data source is asked for: examples for a model that sees {@code context} tokens, each
 * holding {@code exampleTokens} tokens (the objective's {@code exampleTokens(context)}),
 * tokenised by {@code tokenizer} (named {@code tokenizerName} in caches), with the run's token
 * cache.
 */
public record DataRequest(Tokenizer tokenizer, String tokenizerName, int context, int exampleTokens, TokenCache cache) {
}
