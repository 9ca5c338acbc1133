package org.lmlab.models.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.Supplier;
import org.lmlab.models.config.ModelConfig;

/**
 * Head type {@code none}: no parameters; the model's output is its final hidden states
 * [B, T, width] (after the final norm, if the model has one). A Hugging Face {@code BertModel}
 * loads with this head; embeddings are pooled from its output.
 */
public final class NoHead extends Head {

    /** The registered type name. */
    public static final String TYPE = "none";

    public NoHead(ModelConfig model) {
        if (model.head().classes() != 0) {
            throw new IllegalArgumentException("head.classes: head type none has no classes, got " + model.head().classes());
        }
        if (model.head().tied()) {
            throw new IllegalArgumentException("head.tied: head type none has no output matrix to tie");
        }
    }

    @Override
    public NDArray apply(NDArray hidden, Supplier<NDArray> summary) {
        return hidden;
    }

    @Override
    public HeadOutput output() {
        return HeadOutput.HIDDEN_STATES;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
