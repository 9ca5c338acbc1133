package org.lmlab.training.step;

import org.lmlab.models.LanguageModel;

/**
 * Model FLOPs of training, the usual estimate (Kaplan et al.; PaLM appendix B): per token,
 * {@code 6 * N} for the forward and backward matrix multiplications of N parameters, plus
 * {@code 12 * layers * context * width} for attention scores and their weighted sums. N is
 * every distinct parameter, embeddings included (a tied output matrix counted once, which is
 * what the output projection costs). Hardware FLOPs (recomputation, element-wise work) are not
 * counted, so this is the useful work a step did.
 */
public final class TrainingFlops {

    private TrainingFlops() {
    }

    /** Training FLOPs per token at this context length. */
    public static double perToken(LanguageModel model, int context) {
        return 6.0 * model.parameterCount() + 12.0 * model.config().layers() * context * model.config().width();
    }

    /** FLOPs of a matrix product [n x n] times [n x n]: {@code 2 n^3}. */
    public static double squareMatmul(int n) {
        return 2.0 * n * n * (double) n;
    }
}
