package org.lmlab.layers.feedforward;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.lmlab.layers.core.BuildContext;
import org.lmlab.layers.core.Dense;

/** {@code down(silu(gate(x)) * up(x))}: the gated feed-forward network of PaLM and Llama. */
public final class SwiGluFeedForward extends FeedForward {

    private final Dense gate;
    private final Dense up;
    private final Dense down;

    public SwiGluFeedForward(FeedForwardConfig config, BuildContext context) {
        this.gate = child("gate", new Dense(context.width(), config.hidden(), config.bias(), context, false));
        this.up = child("up", new Dense(context.width(), config.hidden(), config.bias(), context, false));
        this.down = child("down", new Dense(config.hidden(), context.width(), config.bias(), context, true));
    }

    @Override
    public NDArray apply(NDArray x) {
        NDArray gated = gate.apply(x);
        return down.apply(gated.mul(Activation.sigmoid(gated)).mul(up.apply(x)));
    }
}
