package org.lmlab.layers.attention;

import org.lmlab.layers.core.BuildContext;

/** Makes a self-attention layer of one registered variant, after checking the config suits it. */
@FunctionalInterface
public interface AttentionFactory {

    SelfAttention create(AttentionConfig config, BuildContext context);
}
