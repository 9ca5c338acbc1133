package org.lmlab.training.freeze;

/**
 * Makes a freeze policy from its config. One factory per name, bound in a Guice
 * {@code MapBinder} ({@code TrainingModule} binds the built-in ones); other modules add theirs
 * the same way.
 */
@FunctionalInterface
public interface FreezePolicyFactory {

    /**
     * @throws IllegalArgumentException if the config's parameters do not suit this policy
     */
    FreezePolicy create(FreezeConfig config);
}
