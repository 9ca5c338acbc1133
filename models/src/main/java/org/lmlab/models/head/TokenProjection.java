package org.lmlab.models.head;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;
import java.util.function.UnaryOperator;
import org.lmlab.layers.core.Dense;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.embedding.EmbeddingTable;

/**
 * The last matrix of a token head, {@code h·Eᵀ} over the vocabulary: E is the token embedding
 * itself when the head is tied (GPT-2, BERT), or a matrix of the head's own otherwise.
 */
final class TokenProjection {

    private final EmbeddingTable tiedTo;
    private final Dense own;

    private TokenProjection(EmbeddingTable tiedTo, Dense own) {
        this.tiedTo = tiedTo;
        this.own = own;
    }

    /**
     * The projection a head's config asks for.
     *
     * @param register declares an untied matrix as a child of the head (which names it)
     */
    static TokenProjection of(ModelConfig model, EmbeddingTable tokens, UnaryOperator<Dense> register) {
        return model.head().tied()
                ? new TokenProjection(tokens, null)
                : new TokenProjection(null, register.apply(new Dense(model.width(), model.vocabSize(), false, model.buildContext(), false)));
    }

    /** The [vocab, width] matrix, low-rank delta included. */
    NDArray weight() {
        return tiedTo != null ? tiedTo.weight() : own.effectiveWeight();
    }

    /** Logits over the vocabulary for hidden states [..., width]. */
    NDArray apply(NDArray hidden) {
        return tiedTo != null ? Linear.linear(hidden, tiedTo.weight()).singletonOrThrow() : own.apply(hidden);
    }
}
