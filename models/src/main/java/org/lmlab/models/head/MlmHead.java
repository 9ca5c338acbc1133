package org.lmlab.models.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.function.Supplier;
import org.lmlab.layers.Layers;
import org.lmlab.layers.core.Dense;
import org.lmlab.layers.core.Init;
import org.lmlab.layers.feedforward.Gelu;
import org.lmlab.layers.norm.Norm;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.embedding.EmbeddingTable;

/**
 * BERT's masked-language-model head: {@code norm(gelu(dense(h)))·Eᵀ + bias}, with E the token
 * embedding when tied (as in BERT) or a separate matrix otherwise.
 */
public final class MlmHead extends Head implements VocabularyHead {

    private final Dense transform;
    private final Norm norm;
    private final TokenProjection decoder;
    private final Parameter bias;
    private final int vocab;

    public MlmHead(ModelConfig model, EmbeddingTable tokens, Layers layers) {
        this.vocab = model.vocabSize();
        this.transform = child("transform", new Dense(model.width(), model.width(), true, model.buildContext(), false));
        this.norm = child("norm", layers.norm(model.block().norm(), model.width()));
        this.decoder = TokenProjection.of(model, tokens, dense -> child("decoder", dense));
        this.bias = parameter("bias", new Shape(model.vocabSize()), Init.zeros());
    }

    @Override
    public NDArray apply(NDArray hidden, Supplier<NDArray> summary) {
        return logits(features(hidden));
    }

    @Override
    public NDArray features(NDArray hidden) {
        return norm.apply(Gelu.ERF.apply(transform.apply(hidden)));
    }

    @Override
    public NDArray projectionWeight() {
        return decoder.weight();
    }

    @Override
    public NDArray projectionBias() {
        return bias.getArray();
    }

    @Override
    public NDArray logits(NDArray features) {
        return decoder.apply(features).add(bias.getArray());
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
