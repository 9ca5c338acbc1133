package org.lmlab.layers.feedforward;

import org.lmlab.layers.core.BuildContext;

/** Makes a feed-forward network of one registered type. */
@FunctionalInterface
public interface FeedForwardFactory {

    FeedForward create(FeedForwardConfig config, BuildContext context);
}
