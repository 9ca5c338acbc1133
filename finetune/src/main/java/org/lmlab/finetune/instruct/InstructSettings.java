package org.lmlab.finetune.instruct;

import java.nio.file.Path;
import java.util.List;
import org.lmlab.training.TrainConfig;
import org.lmlab.training.model.ModelEditConfig;

/**
 * What {@code lmlab finetune instruct} is asked to do: the model source (a preset, a model
 * directory, a run), the records and their prompt format and split seed, prompt masking, the
 * longest batch ({@code maxLength}, 0: the model's context), the model edits (LoRA, or none for
 * full fine-tuning), the training settings, and how many tokens each test response may have.
 */
public record InstructSettings(
        String model,
        Path data,
        String format,
        long splitSeed,
        boolean maskPrompt,
        int maxLength,
        List<ModelEditConfig> edits,
        TrainConfig train,
        int maxNewTokens) {

    public InstructSettings {
        require(model != null && !model.isBlank(), "--model: required");
        require(data != null, "--data: required");
        require(format != null && !format.isBlank(), "--format: required");
        require(maxLength >= 0, "--max-length: must be 0 (the model's context) or positive, got " + maxLength);
        edits = edits == null ? List.of() : List.copyOf(edits);
        require(train != null, "train: required");
        require(train.evalEvery() > 0, "--eval-every: must be positive (the losses before and after training are"
                + " measured at evaluations), got " + train.evalEvery());
        require(maxNewTokens >= 0, "--max-new-tokens: must not be negative, got " + maxNewTokens);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
