package org.lmlab.training.objective;

import org.lmlab.tokenizers.Tokenizer;

/**
 * Makes an objective from its config and the tokenizer of the run (which supplies special
 * tokens and the vocabulary). One factory per name, bound in a Guice {@code MapBinder}; the
 * fine-tuning module adds its own objectives the same way.
 */
@FunctionalInterface
public interface ObjectiveFactory {

    Objective create(ObjectiveConfig config, Tokenizer tokenizer);
}
