package org.lmlab.layers.attention;

import org.lmlab.layers.core.BuildContext;

/**
 * A registered attention variant: the config record it reads and the factory that builds it.
 *
 * @param <C> the variant's config record
 */
public record AttentionType<C extends AttentionConfig>(Class<C> config, AttentionFactory<C> factory) {

    /** The layer for a config of this variant. */
    public Attention create(AttentionConfig given, BuildContext context) {
        if (!config.isInstance(given)) {
            throw new IllegalArgumentException("attention.type: '" + given.type() + "' reads a "
                    + config.getSimpleName() + ", got a " + given.getClass().getSimpleName());
        }
        return factory.create(config.cast(given), context);
    }
}
