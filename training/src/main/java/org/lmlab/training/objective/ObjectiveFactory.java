package org.lmlab.training.objective;

import org.lmlab.tokenizers.Tokenizer;

/**
 * Makes an objective from its own config record and the tokenizer of the run (which supplies
 * special tokens and the vocabulary).
 *
 * @param <C> the objective's config record
 */
@FunctionalInterface
public interface ObjectiveFactory<C extends ObjectiveConfig> {

    Objective create(C config, Tokenizer tokenizer);
}
