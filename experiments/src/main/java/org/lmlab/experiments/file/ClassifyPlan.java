package org.lmlab.experiments.file;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.lmlab.finetune.classify.LabelledDataConfig;

/**
 * The classification fine-tune of every model (what {@code lmlab finetune classify} takes):
 * labelled data, what trains ({@code train} in the file: a {@code TrainPolicy} name, with the
 * LoRA rank and alpha for {@code lora}), length ({@code steps}, or when 0 {@code epochs}),
 * AdamW's constant rate and weight decay, the batch, the truncation ({@code max_length}, 0: the
 * model's context), evaluations every {@code eval_every} steps and the Tribuo baseline.
 */
public record ClassifyPlan(
        LabelledDataConfig data,
        @JsonProperty("train") String policy,
        int loraRank,
        double loraAlpha,
        int epochs,
        long steps,
        double lr,
        double weightDecay,
        int batch,
        int maxLength,
        int evalEvery,
        boolean baseline) {

    public ClassifyPlan {
        require(data != null, "data: required (a labelled data source: sms-spam, labelled-text)");
        require(policy != null && !policy.isBlank(), "train: required (head, last-block, last-N, all, lora)");
        require(loraRank >= 1, "lora_rank: must be positive, got " + loraRank);
        require(loraAlpha > 0 && Double.isFinite(loraAlpha), "lora_alpha: must be positive, got " + loraAlpha);
        require(epochs >= 0, "epochs: must not be negative, got " + epochs);
        require(steps >= 0, "steps: must not be negative, got " + steps);
        require(steps > 0 || epochs > 0, "steps or epochs: one must be positive");
        require(lr > 0 && Double.isFinite(lr), "lr: must be positive, got " + lr);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "weight_decay: must not be negative, got " + weightDecay);
        require(batch >= 1, "batch: must be positive, got " + batch);
        require(maxLength >= 0, "max_length: must be 0 (the model's context) or positive, got " + maxLength);
        require(evalEvery >= 0, "eval_every: must not be negative, got " + evalEvery);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
