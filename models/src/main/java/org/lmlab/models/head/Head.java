package org.lmlab.models.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.function.Supplier;
import org.lmlab.layers.core.NamedBlock;

/**
 * The output layer: turns the final hidden states into what the objective scores. Each head
 * declares what it returns ({@link #output()}) and its shape from the hidden states' shape
 * ({@link #getOutputShapes}); the model takes both from its head. A head that outputs
 * {@link HeadOutput#VOCABULARY_LOGITS} must also be a {@link VocabularyHead}, split at its last
 * matrix, so logits are computed only where they are read.
 */
public abstract class Head extends NamedBlock {

    /**
     * Logits from hidden states [B, T, width].
     *
     * @param summary one vector per sequence [B, width] (pooled where the model has a pooler),
     *     computed only if the head asks for it
     */
    public abstract NDArray apply(NDArray hidden, Supplier<NDArray> summary);

    /** What {@link #apply} returns. */
    public abstract HeadOutput output();

    /** The output shape for hidden states of shape {@code inputShapes[0]} ([B, T, width]). */
    @Override
    public abstract Shape[] getOutputShapes(Shape[] inputShapes);

    @Override
    protected final NDList forward(NDList inputs, boolean training) {
        NDArray hidden = inputs.singletonOrThrow();
        return new NDList(apply(hidden, () -> {
            throw new IllegalStateException("a sequence-level head needs the model's summary vector: call LanguageModel.forward");
        }));
    }
}
