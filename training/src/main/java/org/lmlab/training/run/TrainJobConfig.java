package org.lmlab.training.run;

import org.lmlab.models.config.ModelConfig;
import org.lmlab.training.TrainConfig;
import org.lmlab.training.objective.ObjectiveConfig;

/**
 * Everything a pretraining run is, saved as the run directory's {@code train.json} so that
 * {@code --resume RUN_DIR} needs nothing else: the model as given ({@code model}: a preset name
 * or a model directory) and as resolved ({@code modelConfig}), the tokenizer's name or path, the
 * corpus file and its SHA-256 (so a resume on edited data is refused), the context length, the
 * window stride (0: the objective's own), the validation fraction, the objective and the
 * training settings.
 */
public record TrainJobConfig(
        String model,
        ModelConfig modelConfig,
        String tokenizer,
        String data,
        String dataSha256,
        int context,
        int stride,
        double validationFraction,
        ObjectiveConfig objective,
        TrainConfig train) {

    public TrainJobConfig {
        require(model != null && !model.isBlank(), "model: required");
        require(modelConfig != null, "model_config: required");
        require(tokenizer != null && !tokenizer.isBlank(), "tokenizer: required");
        require(data != null && !data.isBlank(), "data: required");
        require(context >= 2, "context: must be at least 2, got " + context);
        require(context <= modelConfig.contextLength(), "context: " + context + " is longer than the model's "
                + modelConfig.contextLength() + " positions");
        require(stride >= 0, "stride: must be 0 (the objective's) or positive, got " + stride);
        require(validationFraction >= 0 && validationFraction < 1, "validation_fraction: must be in [0, 1), got " + validationFraction);
        require(objective != null, "objective: required");
        require(train != null, "train: required");
    }

    /** The same run with the corpus hash filled in. */
    public TrainJobConfig withDataSha256(String sha256) {
        return new TrainJobConfig(model, modelConfig, tokenizer, data, sha256, context, stride, validationFraction, objective, train);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
