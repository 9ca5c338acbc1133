package org.lmlab.models.score;

import java.util.Set;

/**
 * What a masked model's pseudo-log-likelihood needs to know about its vocabulary: the id that
 * replaces the scored token, and the ids never scored (the framing and padding tokens). A
 * tokenizer-aware caller gets them from {@code org.lmlab.training.text.ModelText}.
 */
public record MaskTokens(int maskId, Set<Integer> unscored) {

    public MaskTokens {
        if (maskId < 0) {
            throw new IllegalArgumentException("mask id: must not be negative, got " + maskId);
        }
        unscored = Set.copyOf(unscored);
    }
}
