package org.lmlab.models.score;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.function.Supplier;
import org.lmlab.models.LanguageModel;

/**
 * The log-likelihood a language model gives whole token sequences, whatever kind of model it
 * is: a decoder's rolling next-token log-likelihood ({@link CausalScorer}), a masked model's
 * pseudo-log-likelihood ({@link PseudoLikelihoodScorer}). Comparing two sentences' scores from
 * one scorer says which the model prefers (BLiMP's minimal pairs). Sequences are token ids
 * framed as the model expects them; several sequences are scored in shared forward passes.
 */
public interface Scorer {

    /** The log-likelihood of one sequence and how many of its tokens were scored. */
    default SequenceLogLikelihood sequenceLogLikelihood(int[] ids) {
        return sequenceLogLikelihoods(List.of(ids)).get(0);
    }

    /** {@link #sequenceLogLikelihood} of each sequence, in order, batched across sequences. */
    List<SequenceLogLikelihood> sequenceLogLikelihoods(List<int[]> sequences);

    /**
     * The scorer for this model's kind: a {@link CausalScorer} for a decoder
     * ({@link LanguageModel#isCausal()}), else a {@link PseudoLikelihoodScorer}, which asks
     * {@code maskTokens} for its mask and unscored ids (a decoder never calls it, so a
     * decoder's caller needs no tokenizer).
     */
    static Scorer forModel(LanguageModel model, NDManager manager, ScoringConfig config, Supplier<MaskTokens> maskTokens) {
        return model.isCausal()
                ? new CausalScorer(model, manager, config)
                : new PseudoLikelihoodScorer(model, manager, maskTokens.get(), config);
    }
}
