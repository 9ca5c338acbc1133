package org.lmlab.models.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.ModelInput;

/**
 * Mean next-token cross-entropy of a decoder over a token sequence. A sequence longer than the
 * window (by default the context) is cut into windows that overlap by one token, so every token
 * after the first is predicted exactly once.
 */
public final class CausalScorer {

    private final LanguageModel model;
    private final NDManager manager;
    private final int window;

    /** Scores in windows of the model's full context. */
    public CausalScorer(LanguageModel model, NDManager manager) {
        this(model, manager, model.config().contextLength());
    }

    /**
     * Scores in windows of at most {@code window} tokens (a model trained on shorter sequences
     * than its position table should be scored at the length it was trained on).
     */
    public CausalScorer(LanguageModel model, NDManager manager, int window) {
        if (!model.predictsNextToken()) {
            throw new IllegalArgumentException("next-token scoring needs a decoder with a next-token head, got a "
                    + model.config().stack() + " with a " + model.config().head().type() + " head");
        }
        if (window < 2 || window > model.config().contextLength()) {
            throw new IllegalArgumentException("scoring window: must be in [2, " + model.config().contextLength()
                    + "] (the model's context), got " + window);
        }
        this.model = model;
        this.manager = manager;
        this.window = window;
    }

    public Score score(int[] ids) {
        if (ids.length < 2) {
            throw new IllegalArgumentException("scoring needs at least 2 tokens, got " + ids.length);
        }
        double total = 0;
        long count = 0;
        for (int start = 0; start < ids.length - 1; start += window - 1) {
            int end = Math.min(ids.length, start + window);
            total += windowLoss(ids, start, end);
            count += end - start - 1;
        }
        return new Score(total / count, count);
    }

    /** Summed negative log-probability of ids[start+1..end-1] given their prefixes in the window. */
    private double windowLoss(int[] ids, int start, int end) {
        try (NDManager window = manager.newSubManager()) {
            long[] inputs = new long[end - start];
            long[] targets = new long[end - start - 1];
            for (int i = start; i < end; i++) {
                inputs[i - start] = ids[i];
                if (i > start) {
                    targets[i - start - 1] = ids[i];
                }
            }
            NDArray logits = model.forward(ModelInput.of(window.create(inputs, new Shape(1, inputs.length))), false);
            NDArray logProbabilities = logits.get("0, :-1, :").toType(DataType.FLOAT64, false).logSoftmax(1);
            NDArray picked = logProbabilities.gather(window.create(targets, new Shape(targets.length, 1)), 1);
            return -picked.sum().getDouble();
        }
    }
}
