package org.lmlab.experiments.file;

/**
 * The instruction fine-tune of every model (what {@code lmlab finetune instruct} takes, the book's
 * chapter 7): the records (JSON or JSONL of instruction/input/output) and their prompt format, the
 * run's length ({@code steps}, or when 0 {@code epochs}), AdamW's constant rate and weight decay,
 * the batch, the longest batch ({@code max_length}, 0: the model's context), prompt masking,
 * LoRA ({@code lora_rank} 0: all weights train), the tokens each test response may have, and
 * evaluations every {@code eval_every} steps on {@code eval_batches} batches.
 */
public record InstructPlan(
        String data,
        String format,
        int epochs,
        long steps,
        double lr,
        double weightDecay,
        int batch,
        int maxLength,
        boolean maskPrompt,
        int loraRank,
        double loraAlpha,
        int maxNewTokens,
        int evalEvery,
        int evalBatches) {

    public InstructPlan {
        require(data != null && !data.isBlank(), "data: required (instruction records, JSON or JSONL)");
        require(format != null && !format.isBlank(), "format: required (alpaca, phi3)");
        require(epochs >= 0, "epochs: must not be negative, got " + epochs);
        require(steps >= 0, "steps: must not be negative, got " + steps);
        require(steps > 0 || epochs > 0, "steps or epochs: one must be positive");
        require(lr > 0 && Double.isFinite(lr), "lr: must be positive, got " + lr);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "weight_decay: must not be negative, got " + weightDecay);
        require(batch >= 1, "batch: must be positive, got " + batch);
        require(maxLength >= 0, "max_length: must be 0 (the model's context) or positive, got " + maxLength);
        require(loraRank >= 0, "lora_rank: must be 0 (no LoRA) or positive, got " + loraRank);
        require(loraAlpha > 0 && Double.isFinite(loraAlpha), "lora_alpha: must be positive, got " + loraAlpha);
        require(maxNewTokens >= 0, "max_new_tokens: must not be negative, got " + maxNewTokens);
        require(evalEvery >= 1, "eval_every: must be positive (losses before and after are measured at evaluations), got " + evalEvery);
        require(evalBatches >= 0, "eval_batches: must not be negative, got " + evalBatches);
    }

    /** The records' file. */
    public java.nio.file.Path dataFile() {
        return java.nio.file.Path.of(data);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
