package org.lmlab.models.score;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lmlab.models.LanguageModel;

/**
 * Pseudo-log-likelihood of a masked language model (Salazar et al., 2020): each scored position
 * is replaced by the mask token in turn, and the model's log-probability of the original token
 * there is summed. Ids in {@link MaskTokens#unscored()} (framing, padding) are read but never
 * scored. The masked copies of many sentences share forward passes (right-padded to the longest
 * in the batch with a padding mask, see {@link ScoringConfig}); the window is not used, every
 * sequence must fit the model's context.
 */
public final class PseudoLikelihoodScorer implements Scorer {

    private final int contextLength;
    private final RowBatcher batcher;
    private final int maskId;
    private final Set<Integer> unscored;

    /** {@link ScoringConfig#DEFAULT} batching. */
    public PseudoLikelihoodScorer(LanguageModel model, NDManager manager, MaskTokens tokens) {
        this(model, manager, tokens, ScoringConfig.DEFAULT);
    }

    public PseudoLikelihoodScorer(LanguageModel model, NDManager manager, MaskTokens tokens, ScoringConfig config) {
        if (!model.predictsMaskedTokens()) {
            throw new IllegalArgumentException("pseudo-log-likelihood needs an encoder with vocabulary logits (an mlm head), got a "
                    + model.config().stack() + " with a " + model.config().head().type() + " head");
        }
        if (tokens.maskId() >= model.config().vocabSize()) {
            throw new IllegalArgumentException("mask id " + tokens.maskId() + " is outside the model's vocabulary of "
                    + model.config().vocabSize());
        }
        this.contextLength = model.config().contextLength();
        this.batcher = new RowBatcher(model, manager, config);
        this.maskId = tokens.maskId();
        this.unscored = tokens.unscored();
    }

    /** The summed log-probability of each scored token with it masked, and how many were scored. */
    public SequenceLogLikelihood pseudoLogLikelihood(int[] ids) {
        return pseudoLogLikelihoods(List.of(ids)).get(0);
    }

    /** {@link #pseudoLogLikelihood} of each sequence, in order; masked copies of all of them share forward passes. */
    public List<SequenceLogLikelihood> pseudoLogLikelihoods(List<int[]> sequences) {
        List<ScoredRow> rows = new ArrayList<>();
        int[] scored = new int[sequences.size()];
        for (int s = 0; s < sequences.size(); s++) {
            int[] ids = sequences.get(s);
            if (ids.length > contextLength) {
                throw new IllegalArgumentException("sequence of " + ids.length + " tokens exceeds the model's context of "
                        + contextLength);
            }
            for (int position = 0; position < ids.length; position++) {
                if (!unscored.contains(ids[position])) {
                    int[] masked = ids.clone();
                    masked[position] = maskId;
                    rows.add(new ScoredRow(masked, new int[] {position}, new int[] {ids[position]}));
                    scored[s]++;
                }
            }
            if (scored[s] == 0) {
                throw new IllegalArgumentException("nothing to score: every token is a special token");
            }
        }
        List<ScoredRow.Result> results = batcher.run(rows);
        List<SequenceLogLikelihood> scores = new ArrayList<>(sequences.size());
        int at = 0;
        for (int s = 0; s < sequences.size(); s++) {
            double total = 0;
            for (int i = 0; i < scored[s]; i++) {
                total += results.get(at++).sum();
            }
            scores.add(new SequenceLogLikelihood(total, scored[s]));
        }
        return scores;
    }

    /** The pseudo-log-likelihood. */
    @Override
    public List<SequenceLogLikelihood> sequenceLogLikelihoods(List<int[]> sequences) {
        return pseudoLogLikelihoods(sequences);
    }
}
