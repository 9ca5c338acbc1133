package org.lmlab.models.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.ModelInput;

/**
 * Mean next-token cross-entropy of a decoder over a token sequence. A sequence longer than the
 * context is cut into windows of the context length that overlap by one token, so every token
 * after the first is predicted exactly once.
 */
public final class CausalScorer {

    private final LanguageModel model;
    private final NDManager manager;

    public CausalScorer(LanguageModel model, NDManager manager) {
        if (!model.predictsNextToken()) {
            throw new IllegalArgumentException("next-token scoring needs a decoder with a next-token head, got a "
                    + model.config().stack() + " with a " + model.config().head().type() + " head");
        }
        this.model = model;
        this.manager = manager;
    }

    public Score score(int[] ids) {
        if (ids.length < 2) {
            throw new IllegalArgumentException("scoring needs at least 2 tokens, got " + ids.length);
        }
        int context = model.config().contextLength();
        double total = 0;
        long count = 0;
        for (int start = 0; start < ids.length - 1; start += context - 1) {
            int end = Math.min(ids.length, start + context);
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
