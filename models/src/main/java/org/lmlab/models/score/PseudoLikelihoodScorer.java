package org.lmlab.models.score;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.ModelInput;

/**
 * Pseudo-log-likelihood of a masked language model (Salazar et al., 2020): each scored position
 * is replaced by the mask token in turn and the model's negative log-probability of the original
 * token there is averaged. Special tokens ([CLS], [SEP], [PAD]) are not scored. Masked copies
 * are run in batches.
 */
public final class PseudoLikelihoodScorer {

    private static final int BATCH = 16;

    private final LanguageModel model;
    private final NDManager manager;
    private final int maskId;
    private final Set<Integer> unscored;

    public PseudoLikelihoodScorer(LanguageModel model, NDManager manager, int maskId, Set<Integer> unscored) {
        if (!model.predictsMaskedTokens()) {
            throw new IllegalArgumentException("pseudo-log-likelihood needs an encoder with vocabulary logits (an mlm head), got a "
                    + model.config().stack() + " with a " + model.config().head().type() + " head");
        }
        this.model = model;
        this.manager = manager;
        this.maskId = maskId;
        this.unscored = Set.copyOf(unscored);
    }

    public Score score(int[] ids) {
        if (ids.length > model.config().contextLength()) {
            throw new IllegalArgumentException("sequence of " + ids.length + " tokens exceeds the model's context of "
                    + model.config().contextLength());
        }
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            if (!unscored.contains(ids[i])) {
                positions.add(i);
            }
        }
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("nothing to score: every token is a special token");
        }
        double total = 0;
        for (int from = 0; from < positions.size(); from += BATCH) {
            total += batchLoss(ids, positions.subList(from, Math.min(positions.size(), from + BATCH)));
        }
        return new Score(total / positions.size(), positions.size());
    }

    private double batchLoss(int[] ids, List<Integer> positions) {
        int rows = positions.size();
        long[] masked = new long[rows * ids.length];
        long[] flatIndex = new long[rows];
        long[] originals = new long[rows];
        for (int row = 0; row < rows; row++) {
            int position = positions.get(row);
            for (int i = 0; i < ids.length; i++) {
                masked[row * ids.length + i] = i == position ? maskId : ids[i];
            }
            flatIndex[row] = (long) row * ids.length + position;
            originals[row] = ids[position];
        }
        try (NDManager batch = manager.newSubManager()) {
            NDArray logits = model.forward(ModelInput.of(batch.create(masked, new Shape(rows, ids.length))), false);
            long vocab = logits.getShape().get(2);
            NDArray atMasks = logits.reshape(rows * (long) ids.length, vocab).get(batch.create(flatIndex));
            NDArray logProbabilities = atMasks.toType(DataType.FLOAT64, false).logSoftmax(1);
            NDArray picked = logProbabilities.gather(batch.create(originals, new Shape(rows, 1)), 1);
            return -picked.sum().getDouble();
        }
    }
}
