package org.lmlab.experiments.file;

import java.util.Optional;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.training.objective.ObjectiveConfig;

/**
 * One model of an experiment: its name in the file, where its weights come from ({@code source}:
 * the preset name for a randomly initialised model, an absolute model or run directory for
 * pretrained weights, or null for a full spec without a preset), the model as built (the preset
 * with the file's edits, the vocabulary sized to the tokenizer) and its pretraining objective
 * (empty when the experiment has no pretraining stage and the file names none).
 */
public record ModelPlan(String name, String source, ModelConfig model, Optional<ObjectiveConfig> objective) {

    /** True if the weights come from a directory (a Hugging Face or lmlab model, or a run), not from random init. */
    public boolean pretrained() {
        return source != null && source.startsWith("/");
    }
}
