package org.lmlab.experiments.cli;

import java.util.List;
import org.lmlab.models.LanguageModel;
import org.lmlab.training.data.Example;
import org.lmlab.training.objective.DeviceBatch;
import org.lmlab.training.objective.HostBatch;
import org.lmlab.training.objective.IgnoreIndexCrossEntropy;
import org.lmlab.training.objective.LossOutput;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.objective.VocabularyCrossEntropy;
import org.lmlab.training.seed.SeededRandom;

/**
 * An objective with another way of computing the same loss, for {@code lmlab bench train
 * --compare-loss}: the plain cross-entropy of the whole [tokens, vocab] logits (what the
 * vocabulary loss replaced), or the chunked one with a given chunk size. Everything else is
 * the wrapped objective's.
 */
record LossVariant(String label, Objective objective, int chunkRows) implements Objective {

    /** The plain loss: {@code chunkRows} 0. */
    static LossVariant plain(Objective objective) {
        return new LossVariant("plain", objective, 0);
    }

    /** The chunked loss with {@code chunkRows} predicted positions per chunk. */
    static LossVariant chunked(Objective objective, int chunkRows) {
        return new LossVariant("chunked-" + chunkRows + "-rows", objective, chunkRows);
    }

    @Override
    public String name() {
        return objective.name();
    }

    @Override
    public void checkCompatible(LanguageModel model) {
        objective.checkCompatible(model);
    }

    @Override
    public int exampleTokens(int context) {
        return objective.exampleTokens(context);
    }

    @Override
    public HostBatch prepare(List<Example> examples, SeededRandom random) {
        return objective.prepare(examples, random);
    }

    @Override
    public LossOutput loss(LanguageModel model, DeviceBatch batch, boolean training) {
        return LossOutput.of(chunkRows == 0
                ? IgnoreIndexCrossEntropy.sum(model.forward(batch.input(), training), batch.targets(), batch.weights())
                : VocabularyCrossEntropy.sum(model, batch, training, chunkRows), batch.targetCount());
    }
}
