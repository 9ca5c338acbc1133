package org.lmlab.training.objective;

import org.lmlab.tokenizers.Tokenizer;

/**
 * A registered objective: the config record it reads, its config when only its name is given
 * ({@code --objective NAME}), and the factory that makes it.
 *
 * @param <C> the objective's config record
 */
public record ObjectiveType<C extends ObjectiveConfig>(Class<C> config, C defaults, ObjectiveFactory<C> factory) {

    /** The objective for a config of this type. */
    public Objective create(ObjectiveConfig given, Tokenizer tokenizer) {
        if (!config.isInstance(given)) {
            throw new IllegalArgumentException("objective.type: '" + given.type() + "' reads a "
                    + config.getSimpleName() + ", got a " + given.getClass().getSimpleName());
        }
        return factory.create(config.cast(given), tokenizer);
    }
}
