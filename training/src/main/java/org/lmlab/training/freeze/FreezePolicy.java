package org.lmlab.training.freeze;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.lmlab.models.LanguageModel;

/**
 * Chooses which parameters of a model train, by their dotted names
 * ({@code blocks.3.attention.qkv.weight}, {@code head.classifier.bias}); the rest are frozen.
 * A model's names start with {@code embeddings.}, {@code blocks.<i>.}, {@code final_norm.},
 * {@code pooler.} and {@code head.}. {@link Trainable#of} applies a policy to a model.
 *
 * <p>Policies select names, so a tied output matrix, which lives only under
 * {@code embeddings.tokens.weight}, trains only if a policy selects the embeddings: {@link #head()}
 * over a tied language-model head selects nothing (and {@link Trainable#of} refuses that), over
 * BERT's tied masked-LM head it trains the transform, norm and bias but not the shared matrix.
 */
@FunctionalInterface
public interface FreezePolicy {

    /** Registered name: everything trains. */
    String ALL = "all";

    /** Registered name: only the head trains. */
    String HEAD = "head";

    /** Registered name: the last block and everything after it (the book's chapter-6 fine-tune). */
    String LAST_BLOCK = "last-block";

    /** Registered name: the last {@code blocks} blocks and everything after them. */
    String LAST_BLOCKS = "last-blocks";

    /**
     * Which of this model's parameter names train. Called once per model, so a policy can check
     * the model first (and refuse it with an {@link IllegalArgumentException}).
     */
    Predicate<String> trainable(LanguageModel model);

    /** Every parameter trains. */
    static FreezePolicy all() {
        return model -> name -> true;
    }

    /** Only the head's own parameters ({@code head.}) train. */
    static FreezePolicy head() {
        return prefixes("head.");
    }

    /** The parameters under any of these name prefixes train. */
    static FreezePolicy prefixes(String... prefixes) {
        List<String> copy = List.of(prefixes);
        return model -> name -> copy.stream().anyMatch(name::startsWith);
    }

    /**
     * The last {@code blocks} transformer blocks train, with everything after the stack: the
     * final norm, the pooler and the head. Embeddings and earlier blocks are frozen.
     *
     * @throws IllegalArgumentException if {@code blocks} is below 1, or (when applied) above the model's depth
     */
    static FreezePolicy lastBlocks(int blocks) {
        if (blocks < 1) {
            throw new IllegalArgumentException("freeze.blocks: must be at least 1, got " + blocks);
        }
        return model -> {
            int depth = model.config().layers();
            if (blocks > depth) {
                throw new IllegalArgumentException("freeze.blocks: " + blocks + " blocks asked to train, but model '"
                        + model.config().name() + "' has " + depth);
            }
            List<String> prefixes = new ArrayList<>(List.of("final_norm.", "pooler.", "head."));
            for (int i = depth - blocks; i < depth; i++) {
                prefixes.add("blocks." + i + ".");
            }
            return prefixes(prefixes.toArray(String[]::new)).trainable(model);
        };
    }
}
