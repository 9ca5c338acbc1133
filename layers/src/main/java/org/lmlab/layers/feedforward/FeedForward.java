package org.lmlab.layers.feedforward;

import org.lmlab.layers.core.UnaryBlock;

/** A position-wise feed-forward network: width -> hidden -> width, applied to every position. */
public abstract class FeedForward extends UnaryBlock {
}
