package org.lmlab.models;

import ai.djl.ndarray.NDArray;

/**
 * One batch for a model: token ids [B, T]; padding [B, T] with 1 for real tokens and 0 for
 * padding (null: no padding); token types [B, T] for models with segments (null: all 0).
 * With a KV cache, padding covers the cached positions too: [B, cached + T].
 */
public record ModelInput(NDArray tokens, NDArray padding, NDArray tokenTypes) {

    public ModelInput {
        if (tokens == null) {
            throw new IllegalArgumentException("tokens: required");
        }
        if (tokens.getShape().dimension() != 2) {
            throw new IllegalArgumentException("tokens: expected [batch, length], got " + tokens.getShape());
        }
    }

    /** Tokens only: no padding, no token types. */
    public static ModelInput of(NDArray tokens) {
        return new ModelInput(tokens, null, null);
    }
}
