package org.lmlab.models.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.Supplier;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.embedding.EmbeddingTable;

/**
 * Next-token logits {@code h·Eᵀ}: with {@code tied}, E is the token embedding itself (GPT-2);
 * otherwise a separate [vocab, width] matrix without bias (the book's untied variant).
 */
public final class LmHead extends Head implements VocabularyHead {

    private final TokenProjection output;
    private final int vocab;

    public LmHead(ModelConfig model, EmbeddingTable tokens) {
        this.vocab = model.vocabSize();
        this.output = TokenProjection.of(model, tokens, dense -> child("output", dense));
    }

    @Override
    public NDArray apply(NDArray hidden, Supplier<NDArray> summary) {
        return output.apply(hidden);
    }

    @Override
    public NDArray features(NDArray hidden) {
        return hidden;
    }

    @Override
    public NDArray projectionWeight() {
        return output.weight();
    }

    @Override
    public NDArray projectionBias() {
        return null;
    }

    @Override
    public NDArray logits(NDArray features) {
        return output.apply(features);
    }

    @Override
    public HeadOutput output() {
        return HeadOutput.VOCABULARY_LOGITS;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape input = inputShapes[0];
        return new Shape[] {input.slice(0, input.dimension() - 1).add(vocab)};
    }
}
