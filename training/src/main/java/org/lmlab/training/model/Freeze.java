package org.lmlab.training.model;

import java.util.function.Predicate;
import org.lmlab.models.LanguageModel;
import org.lmlab.training.freeze.FreezeConfig;
import org.lmlab.training.freeze.FreezePolicy;

/**
 * {@code freeze}: only the parameters a named freezing policy selects train ({@code head},
 * {@code last-block}, {@code last-blocks} with {@code blocks}, {@code all}); the others keep
 * their values, get no gradient and no optimizer state.
 */
public final class Freeze implements ModelEdit {

    /** The registered name. */
    public static final String NAME = "freeze";

    /** The edit's config: a freeze policy's name and, for {@code last-blocks}, the block count. */
    public record Config(String type, String policy, int blocks) implements ModelEditConfig {

        public Config {
            new FreezeConfig(policy, blocks);
        }
    }

    private final FreezePolicy policy;

    /** The edit that trains what {@code policy} selects. */
    public Freeze(FreezePolicy policy) {
        this.policy = policy;
    }

    @Override
    public Predicate<String> trainable(LanguageModel model, Predicate<String> before) {
        return before.and(policy.trainable(model));
    }
}
