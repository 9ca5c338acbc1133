package org.lmlab.models.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.function.Supplier;
import org.lmlab.layers.core.NamedBlock;

/**
 * The output layer: turns the final hidden states into what the objective scores, either
 * per-token logits [B, T, vocab] or per-sequence logits [B, classes].
 */
public abstract class Head extends NamedBlock {

    /**
     * Logits from hidden states [B, T, width].
     *
     * @param summary one vector per sequence [B, width] (pooled where the model has a pooler),
     *     computed only if the head asks for it
     */
    public abstract NDArray apply(NDArray hidden, Supplier<NDArray> summary);

    /** True if the head predicts one label per sequence rather than a token per position. */
    public abstract boolean perSequence();

    @Override
    protected final NDList forward(NDList inputs, boolean training) {
        NDArray hidden = inputs.singletonOrThrow();
        return new NDList(apply(hidden, () -> {
            throw new IllegalStateException("a sequence-level head needs the model's summary vector: call LanguageModel.forward");
        }));
    }
}
