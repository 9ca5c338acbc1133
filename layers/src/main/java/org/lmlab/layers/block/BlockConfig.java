package org.lmlab.layers.block;

import org.lmlab.layers.attention.AttentionConfig;
import org.lmlab.layers.feedforward.FeedForwardConfig;
import org.lmlab.layers.norm.NormConfig;

/** One transformer block: its attention, norm and feed-forward, where the norms go, and the dropout on each sublayer's output. */
public record BlockConfig(
        AttentionConfig attention,
        NormConfig norm,
        FeedForwardConfig feedForward,
        NormPlacement placement,
        float residualDropout) {

    public BlockConfig {
        if (attention == null || norm == null || feedForward == null || placement == null) {
            throw new IllegalArgumentException("block: attention, norm, feed_forward and norm_placement are required");
        }
        if (!(residualDropout >= 0 && residualDropout < 1)) {
            throw new IllegalArgumentException("dropout: must be in [0, 1), got " + residualDropout);
        }
    }
}
