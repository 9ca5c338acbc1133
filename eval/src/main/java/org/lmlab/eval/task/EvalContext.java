package org.lmlab.eval.task;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.score.Scorer;
import org.lmlab.models.score.ScoringConfig;
import org.lmlab.training.text.ModelText;

/**
 * What a task may use to score a model: the model and its text (tokenizer and framing), the
 * scorer for its kind, a manager for the engine's memory, the seed for any sampling, a folder
 * of its own for raw files (the judge's replies), and where to report progress.
 */
public record EvalContext(
        LanguageModel model,
        ModelText text,
        NDManager manager,
        ScoringConfig scoring,
        long seed,
        Path modelDirectory,
        Path taskDirectory,
        EvalProgress progress) {

    /** Sequence log-likelihoods for this model's kind: rolling for a decoder, pseudo-log-likelihood for a masked model. */
    public Scorer scorer() {
        return Scorer.forModel(model, manager, scoring, text::maskTokens);
    }

    /** True for a decoder (log-likelihoods), false for a masked model (pseudo-log-likelihoods). */
    public boolean causal() {
        return model.isCausal();
    }
}
