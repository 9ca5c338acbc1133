package org.lmlab.layers.feedforward;

import ai.djl.ndarray.NDArray;
import org.lmlab.layers.core.BuildContext;
import org.lmlab.layers.core.Dense;

/** {@code down(gelu(up(x)))}: the feed-forward network of GPT-2 and BERT. */
public final class GeluFeedForward extends FeedForward {

    private final Dense up;
    private final Gelu gelu;
    private final Dense down;

    public GeluFeedForward(FeedForwardConfig config, BuildContext context, Gelu gelu) {
        this.up = child("up", new Dense(context.width(), config.hidden(), config.bias(), context, false));
        this.gelu = gelu;
        this.down = child("down", new Dense(config.hidden(), context.width(), config.bias(), context, true));
    }

    @Override
    public NDArray apply(NDArray x) {
        return down.apply(gelu.apply(up.apply(x)));
    }
}
