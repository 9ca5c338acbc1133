package org.lmlab.training.objective;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.lmlab.models.head.HeadOutput;
import org.lmlab.models.LanguageModel;
import org.lmlab.training.data.Example;
import org.lmlab.training.seed.SeededRandom;

/**
 * What a model is trained to do, in the shape of fairseq's criterion: an objective turns a
 * list of examples into model inputs and labels ({@link HostBatch}) and owns the loss
 * computation, forward pass included, returning the summed loss, the number of targets and
 * any named metrics ({@link LossOutput}). The trainer and evaluator call only these methods,
 * so they know nothing about causal, masked or classification training, and an objective is
 * free to run two forwards (distillation, ELECTRA) or report accuracy. Implementations are
 * registered by name ({@link ObjectiveTypes}).
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
     * How many corpus tokens one example holds when the model sees {@code context} tokens:
     * {@code context + 1} for next-token prediction (inputs and targets shifted by one),
     * {@code context - 2} when the objective frames examples with [CLS] and [SEP]. Corpus data
     * sources cut their windows to this length. Objectives whose examples do not come from a
     * running corpus (classification) return the most tokens they let an example keep; sources
     * of whole items ignore it.
     */
    int exampleTokens(int context);

    /**
     * Inputs and labels for these examples. Any randomness (masking) must come from
     * {@code random}, which the trainer seeds per step, so runs and resumes are exact.
     */
    HostBatch prepare(List<Example> examples, SeededRandom random);

    /**
     * Runs the model on the batch and returns the loss summed over the batch's targets (a
     * scalar the trainer divides by the number of targets of the whole step), that number, and
     * named metrics. The default is the ignore-index cross-entropy of the model's output over
     * the batch's targets, with no metrics: for a vocabulary head computed a chunk of predicted
     * positions at a time ({@link VocabularyCrossEntropy}), for any other head from its whole output.
     *
     * @param training dropout on, and the loss will be differentiated
     */
    default LossOutput loss(LanguageModel model, DeviceBatch batch, boolean training) {
        NDArray loss = model.output() == HeadOutput.VOCABULARY_LOGITS
                ? VocabularyCrossEntropy.sum(model, batch, training)
                : IgnoreIndexCrossEntropy.sum(model.forward(batch.input(), training), batch.targets(), batch.weights());
        return LossOutput.of(loss, batch.targetCount());
    }
}
