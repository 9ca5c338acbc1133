package org.lmlab.training.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.head.VocabularyHead;

/**
 * The ignore-index cross-entropy of a model with a vocabulary head, computed chunk by chunk so
 * the [tokens, vocab] logits never exist whole: with GPT-2's 50,257 tokens a batch of 8 x 128
 * has 206 MB of them, and autograd keeps two such tensors and makes two more in backward, each a
 * fresh allocation the kernel must map and zero (most of a small model's step was spent there).
 *
 * <p>Only the predicted positions are projected (for a masked objective, about 15% of them). The
 * loss of a row is {@code lse(z) - z_t} with {@code z = X·Wᵀ + b}. For training, the gradient of
 * the first part is formed chunk by chunk, outside autograd, from the weighted softmax
 * {@code P}: {@code dX = P·W}, {@code dW = Pᵀ·X}, {@code db = ΣP}, the products autograd's
 * backward would compute; it reaches the model through a surrogate
 * {@code s = Σ X∘dX + Σ W∘dW + Σ b∘db}. The second part, the targets' own logits
 * {@code z_t = X_i·W_t + b_t}, is a row lookup autograd differentiates cheaply (no one-hot
 * [rows, vocab] matrix). The returned scalar is {@code (s - stop(s)) - (Σz_t - stop(Σz_t)) + loss}:
 * its value is the loss, its gradient the cross-entropy's. Only tensor-tensor operations touch
 * tracked arrays (DJL's scalar-argument bug).
 */
public final class VocabularyCrossEntropy {

    /** The most logits one chunk holds (16 MB): small enough to be reused from the heap, not mapped anew. */
    static final long CHUNK_LOGITS = 1L << 22;

    private VocabularyCrossEntropy() {
    }

    /**
     * Summed negative log-likelihood of the batch's targets, as {@link IgnoreIndexCrossEntropy}
     * of {@code model.forward} would give it (to rounding), differentiable when {@code training}.
     */
    public static NDArray sum(LanguageModel model, DeviceBatch batch, boolean training) {
        return sum(model, batch, training, defaultChunkRows(model.config().vocabSize(), model.config().width()));
    }

    /**
     * Rows per chunk: as many as keep a chunk's logits within {@link #CHUNK_LOGITS}, but at
     * least the width, so a chunk's [vocab, width] weight gradient is no larger than its logits.
     */
    public static int defaultChunkRows(long vocabulary, long width) {
        return (int) Math.max(1, Math.max(CHUNK_LOGITS / vocabulary, width));
    }

    /** As {@link #sum(LanguageModel, DeviceBatch, boolean)} with {@code chunkRows} predicted positions per chunk. */
    public static NDArray sum(LanguageModel model, DeviceBatch batch, boolean training, int chunkRows) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows: must be positive, got " + chunkRows);
        }
        VocabularyHead head = model.vocabularyHead();
        NDArray hidden = model.hidden(batch.input(), training);
        long width = hidden.getShape().get(hidden.getShape().dimension() - 1);
        Selection selection = Selection.of(batch.targets().toLongArray(), batch.weights().toFloatArray());
        NDManager manager = hidden.getManager();
        NDArray rows = hidden.reshape(-1, width);
        if (!selection.all()) {
            if (selection.size() == 0) {
                // Nothing predicted: a zero that still belongs to the graph.
                return rows.get(new NDIndex("0, 0")).mul(manager.zeros(new Shape()));
            }
            rows = rows.get(manager.create(selection.positions()));
        }
        NDArray features = head.features(rows);
        NDArray targets = manager.create(selection.targets());
        NDArray weights = selection.unitWeights() ? null : manager.create(selection.weights()).expandDims(1);
        return training
                ? differentiable(features, head.projectionWeight(), head.projectionBias(), targets, weights, selection.size(), chunkRows)
                : valueOnly(features, head.projectionWeight(), head.projectionBias(), targets, weights, selection.size(), chunkRows);
    }

    private static NDArray valueOnly(NDArray features, NDArray weight, NDArray bias, NDArray targets, NDArray weights, int rows,
            int chunk) {
        NDArray total = null;
        for (int start = 0; start < rows; start += chunk) {
            int end = Math.min(rows, start + chunk);
            try (NDArray logits = logits(slice(features, start, end), weight, bias);
                 NDArray logProbabilities = logits.logSoftmax(1)) {
                NDArray part = picked(logProbabilities, slice(targets, start, end), weights == null ? null : slice(weights, start, end));
                total = total == null ? part : total.addi(part);
            }
        }
        return total.neg();
    }

    private static NDArray differentiable(NDArray features, NDArray weight, NDArray bias, NDArray targets, NDArray weights, int rows,
            int chunk) {
        NDArray x = features.stopGradient();
        NDArray w = weight.stopGradient();
        NDArray b = bias == null ? null : bias.stopGradient();
        NDArray loss = null;
        NDArray weightGradient = null;
        NDArray biasGradient = null;
        NDList featureGradients = new NDList();
        for (int start = 0; start < rows; start += chunk) {
            int end = Math.min(rows, start + chunk);
            NDArray xChunk = slice(x, start, end);
            NDArray chunkWeights = weights == null ? null : slice(weights, start, end);
            try (NDArray logits = logits(xChunk, w, b);
                 NDArray logProbabilities = logits.logSoftmax(1);
                 NDArray softmax = logProbabilities.exp()) {
                NDArray part = picked(logProbabilities, slice(targets, start, end), chunkWeights);
                loss = loss == null ? part : loss.addi(part);
                if (chunkWeights != null) {
                    softmax.muli(chunkWeights);
                }
                featureGradients.add(softmax.matMul(w));
                // The transposed view shares the softmax's memory: closed here, or every chunk's would stay until the step ends.
                try (NDArray transposed = softmax.transpose()) {
                    weightGradient = accumulate(weightGradient, transposed.matMul(xChunk));
                }
                if (b != null) {
                    biasGradient = accumulate(biasGradient, softmax.sum(new int[] {0}));
                }
            }
        }
        NDArray featureGradient = featureGradients.size() == 1 ? featureGradients.get(0) : NDArrays.concat(featureGradients);
        // The softmax part of the gradient, through the surrogate.
        NDArray surrogate = features.mul(featureGradient).sum().add(weight.mul(weightGradient).sum());
        if (bias != null) {
            surrogate = surrogate.add(bias.mul(biasGradient).sum());
        }
        // The one-hot part: minus the targets' own logits, differentiated by autograd (a row
        // lookup of W, whose backward adds each feature row into its target's row).
        NDArray targetLogits = features.mul(Embedding.embedding(targets, weight, SparseFormat.DENSE).singletonOrThrow()).sum(new int[] {1});
        if (bias != null) {
            targetLogits = targetLogits.add(Embedding.embedding(targets, bias.expandDims(1), SparseFormat.DENSE).singletonOrThrow().squeeze(1));
        }
        NDArray targetSum = weights == null ? targetLogits.sum() : targetLogits.mul(weights.squeeze(1)).sum();
        NDArray gradientOnly = surrogate.sub(surrogate.stopGradient()).sub(targetSum.sub(targetSum.stopGradient()));
        return gradientOnly.add(loss.neg());
    }

    /** {@code total + part} in place (part closed), or part itself first. */
    private static NDArray accumulate(NDArray total, NDArray part) {
        if (total == null) {
            return part;
        }
        total.addi(part);
        part.close();
        return total;
    }

    private static NDArray logits(NDArray features, NDArray weight, NDArray bias) {
        return (bias == null ? Linear.linear(features, weight) : Linear.linear(features, weight, bias)).singletonOrThrow();
    }

    /** The summed (weighted) log-probabilities of the targets, a scalar. */
    private static NDArray picked(NDArray logProbabilities, NDArray targets, NDArray weights) {
        try (NDArray gathered = logProbabilities.gather(targets.expandDims(1), 1)) {
            return weights == null ? gathered.sum() : gathered.mul(weights).sum();
        }
    }

    private static NDArray slice(NDArray array, int start, int end) {
        return start == 0 && end == array.getShape().get(0) ? array : array.get(new NDIndex("{}:{}", start, end));
    }

    /** The predicted positions of a batch: where the weight is not zero, with their targets and weights. */
    private record Selection(long[] positions, long[] targets, float[] weights, boolean all, boolean unitWeights) {

        static Selection of(long[] targets, float[] weights) {
            int count = 0;
            boolean unit = true;
            for (float weight : weights) {
                if (weight != 0f) {
                    count++;
                    unit &= weight == 1f;
                }
            }
            long[] positions = new long[count];
            long[] picked = new long[count];
            float[] kept = new float[count];
            int next = 0;
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] != 0f) {
                    positions[next] = i;
                    picked[next] = targets[i];
                    kept[next++] = weights[i];
                }
            }
            return new Selection(positions, picked, kept, count == weights.length, unit);
        }

        int size() {
            return positions.length;
        }
    }
}
