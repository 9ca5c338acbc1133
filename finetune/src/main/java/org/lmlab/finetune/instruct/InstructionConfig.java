package org.lmlab.finetune.instruct;

import org.lmlab.training.objective.ObjectiveConfig;

/**
 * {@code instruction}: next-token prediction over prompt + response + end of text, batched as
 * the book's {@code custom_collate_fn} ({@link InstructionObjective}); {@code mask_prompt} hides
 * the prompt's tokens from the loss, {@code max_length} cuts inputs and targets (the book's
 * {@code allowed_max_length}; it must not exceed the model's context).
 */
public record InstructionConfig(String type, boolean maskPrompt, int maxLength) implements ObjectiveConfig {

    /** The book's defaults: no prompt masking, at most 1024 tokens. */
    public static final InstructionConfig DEFAULTS = new InstructionConfig(InstructionObjective.NAME, false, 1024);

    public InstructionConfig {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("objective.type: required");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("objective.max_length: must be positive, got " + maxLength);
        }
    }
}
