package org.lmlab.training.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * One training example before batching: token ids and, for objectives that need them, explicit
 * targets (a class label, or per-token targets with {@code -100} where nothing is predicted).
 * Language-model pretraining examples have no targets: the objective derives them from the
 * tokens (shifted for causal LM, masked for masked LM). The record owns its arrays: callers
 * must not change them after construction.
 *
 * @param tokens  the token ids, at least one
 * @param targets explicit targets, empty when the objective derives them
 */
public record Example(int[] tokens, int[] targets) {

    public Example {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(targets, "targets");
        if (tokens.length == 0) {
            throw new IllegalArgumentException("an example needs at least one token");
        }
    }

    /** An example of tokens only. */
    public static Example of(int... tokens) {
        return new Example(tokens, new int[0]);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Example that && Arrays.equals(tokens, that.tokens) && Arrays.equals(targets, that.targets);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokens) + Arrays.hashCode(targets);
    }

    @Override
    public String toString() {
        return "Example[" + tokens.length + " tokens" + (targets.length > 0 ? ", " + targets.length + " targets" : "") + "]";
    }
}
