package org.lmlab.finetune.classify;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A classification fine-tune, as {@code lmlab finetune classify} asks for one: the starting
 * weights ({@code modelSource}: a preset for random initialisation, a model directory in lmlab or
 * Hugging Face layout, or a pretraining run), the labelled data, what trains ({@link TrainPolicy}),
 * the run's length ({@code steps}, or when 0 {@code epochs}), AdamW's constant learning rate and
 * weight decay, the batch, the truncation ({@code maxLength}, 0: the model's context), the seed,
 * evaluations every {@code evalEvery} steps (0: only at the end), the Tribuo baseline or not,
 * an explicit tokenizer (null: the model's), and the run directory.
 */
public record ClassifyRequest(String modelSource, LabelledDataConfig data, String train, int loraRank, double loraAlpha,
        int epochs, long steps, double lr, double weightDecay, int batch, int maxLength, long seed, int evalEvery,
        int logEvery, boolean baseline, String tokenizer, Path out) {

    public ClassifyRequest {
        Objects.requireNonNull(modelSource, "modelSource");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(out, "out");
        if (maxLength < 0) {
            throw new IllegalArgumentException("--max-length: must be 0 (the model's context) or positive, got " + maxLength);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("--lr: must be positive, got " + lr);
        }
    }

    /**
     * The book's chapter-6 settings: the last block trains, 5 epochs, batch 8, AdamW at 5e-5 with
     * weight decay 0.1, evaluation every 50 steps, seed 123, with the baseline; LoRA rank and
     * alpha 16 if asked for.
     */
    public static ClassifyRequest book(String modelSource, LabelledDataConfig data, Path out) {
        return new ClassifyRequest(modelSource, data, "last-block", 16, 16, 5, 0, 5e-5, 0.1, 8, 0, 123, 50, 10, true, null, out);
    }

    public ClassifyRequest withTrain(String policy) {
        return new ClassifyRequest(modelSource, data, policy, loraRank, loraAlpha, epochs, steps, lr, weightDecay, batch,
                maxLength, seed, evalEvery, logEvery, baseline, tokenizer, out);
    }

    public ClassifyRequest withLora(int rank, double alpha) {
        return new ClassifyRequest(modelSource, data, train, rank, alpha, epochs, steps, lr, weightDecay, batch,
                maxLength, seed, evalEvery, logEvery, baseline, tokenizer, out);
    }

    /** {@code steps} optimizer steps if positive, else {@code epochs} epochs. */
    public ClassifyRequest withLength(int newEpochs, long newSteps) {
        return new ClassifyRequest(modelSource, data, train, loraRank, loraAlpha, newEpochs, newSteps, lr, weightDecay, batch,
                maxLength, seed, evalEvery, logEvery, baseline, tokenizer, out);
    }

    public ClassifyRequest withOptimizer(double newLr, double newWeightDecay) {
        return new ClassifyRequest(modelSource, data, train, loraRank, loraAlpha, epochs, steps, newLr, newWeightDecay, batch,
                maxLength, seed, evalEvery, logEvery, baseline, tokenizer, out);
    }

    public ClassifyRequest withBatch(int newBatch, int newMaxLength) {
        return new ClassifyRequest(modelSource, data, train, loraRank, loraAlpha, epochs, steps, lr, weightDecay, newBatch,
                newMaxLength, seed, evalEvery, logEvery, baseline, tokenizer, out);
    }

    public ClassifyRequest withSeed(long newSeed) {
        return new ClassifyRequest(modelSource, data, train, loraRank, loraAlpha, epochs, steps, lr, weightDecay, batch,
                maxLength, newSeed, evalEvery, logEvery, baseline, tokenizer, out);
    }

    public ClassifyRequest withReporting(int newEvalEvery, int newLogEvery) {
        return new ClassifyRequest(modelSource, data, train, loraRank, loraAlpha, epochs, steps, lr, weightDecay, batch,
                maxLength, seed, newEvalEvery, newLogEvery, baseline, tokenizer, out);
    }

    public ClassifyRequest withBaseline(boolean on) {
        return new ClassifyRequest(modelSource, data, train, loraRank, loraAlpha, epochs, steps, lr, weightDecay, batch,
                maxLength, seed, evalEvery, logEvery, on, tokenizer, out);
    }

    /** An explicit tokenizer (name or path); null: the model's own. */
    public ClassifyRequest withTokenizer(String name) {
        return new ClassifyRequest(modelSource, data, train, loraRank, loraAlpha, epochs, steps, lr, weightDecay, batch,
                maxLength, seed, evalEvery, logEvery, baseline, name, out);
    }
}
