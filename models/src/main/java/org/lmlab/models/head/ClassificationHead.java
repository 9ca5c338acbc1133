package org.lmlab.models.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.Supplier;
import org.lmlab.layers.core.Dense;
import org.lmlab.models.config.ModelConfig;

/**
 * A linear classifier over the sequence's summary vector (the last real token of a decoder,
 * the pooled [CLS] of an encoder): logits [B, classes].
 */
public final class ClassificationHead extends Head {

    private final Dense classifier;
    private final int classes;

    public ClassificationHead(ModelConfig model) {
        if (model.head().classes() < 2) {
            throw new IllegalArgumentException("head.classes: a classifier needs at least 2 classes, got "
                    + model.head().classes());
        }
        this.classes = model.head().classes();
        this.classifier = child("classifier", new Dense(model.width(), classes, true, model.buildContext(), false));
    }

    @Override
    public NDArray apply(NDArray hidden, Supplier<NDArray> summary) {
        return classifier.apply(summary.get());
    }

    @Override
    public HeadOutput output() {
        return HeadOutput.SEQUENCE_LABELS;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }
}
