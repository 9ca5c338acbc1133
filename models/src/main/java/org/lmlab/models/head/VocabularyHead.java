package org.lmlab.models.head;

import ai.djl.ndarray.NDArray;

/**
 * A head whose output is logits over the vocabulary, split at its last matrix: the per-position
 * features it projects ({@code h} itself for GPT-2's head, {@code norm(gelu(dense(h)))} for
 * BERT's) and the projection {@code features·Wᵀ + b}. A loss or a decoder that needs logits at a
 * few positions only, or a chunk of positions at a time, computes them from these parts instead
 * of the whole [B, T, vocab] tensor.
 */
public interface VocabularyHead {

    /** The features the projection reads, per position: [..., width] from hidden states [..., width]. */
    NDArray features(NDArray hidden);

    /** The [vocab, width] matrix W (the token embedding when tied), as autograd sees it. */
    NDArray projectionWeight();

    /** The [vocab] bias b, or null when the projection has none. */
    NDArray projectionBias();

    /** Logits [..., vocab] from features [..., width]: what the head returns for those positions. */
    NDArray logits(NDArray features);
}
