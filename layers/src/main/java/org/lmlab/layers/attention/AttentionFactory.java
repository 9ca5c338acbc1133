package org.lmlab.layers.attention;

import org.lmlab.layers.core.BuildContext;

/**
 * Makes the attention layer of one registered variant from its own config record.
 *
 * @param <C> the variant's config record
 */
@FunctionalInterface
public interface AttentionFactory<C extends AttentionConfig> {

    Attention create(C config, BuildContext context);
}
