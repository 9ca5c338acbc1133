package org.lmlab.training.objective;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.lmlab.models.LanguageModel;
import org.lmlab.training.data.Example;
import org.lmlab.training.data.WindowShape;
import org.lmlab.training.seed.SeededRandom;

/**
 * What a model is trained to do. An objective turns a list of examples into model inputs and
 * labels ({@link HostBatch}) and computes the loss from the model's logits; the trainer calls
 * only these methods and so knows nothing about causal, masked or classification training.
 * Implementations are registered by name ({@link ObjectiveFactory}).
 */
public interface Objective {

    /** The name it is registered under ({@code causal-lm}, {@code masked-lm}, ...). */
    String name();

    /**
     * Fails with a clear message if this objective cannot train {@code model} (a masked
     * objective on a decoder, a token objective on a classifier).
     */
    void checkCompatible(LanguageModel model);

    /**
     * How a running corpus is cut into examples for a model of this context length. Objectives
     * whose examples do not come from a running corpus (classification) throw
     * {@link IllegalArgumentException} saying so.
     */
    WindowShape windows(int context);

    /**
     * Inputs and labels for these examples. Any randomness (masking) must come from
     * {@code random}, which the trainer seeds per step, so runs and resumes are exact.
     */
    HostBatch prepare(List<Example> examples, SeededRandom random);

    /**
     * The summed loss over the batch's targets, a scalar the trainer divides by the number of
     * targets of the step. The default is the ignore-index cross-entropy over the last axis.
     */
    default NDArray loss(NDArray logits, DeviceBatch batch) {
        return IgnoreIndexCrossEntropy.sum(logits, batch.targets(), batch.weights());
    }
}
