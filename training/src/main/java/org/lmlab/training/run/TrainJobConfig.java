package org.lmlab.training.run;

import java.util.List;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.training.TrainConfig;
import org.lmlab.training.data.DataSourceConfig;
import org.lmlab.training.model.ModelEditConfig;
import org.lmlab.training.objective.ObjectiveConfig;

/**
 * Everything a training run is, saved as the run directory's {@code train.json} (format
 * {@link TrainJobFiles#FORMAT}) so that {@code --resume RUN_DIR} needs nothing else: where the
 * model came from ({@code model_source}: a preset name, a model directory or a run) and the
 * model as built ({@code model}, after {@code edits}), the edits, the tokenizer's name or
 * path, the data source and the fingerprint of what it read (so a resume on edited data is
 * refused), the context length (0 before resolving: the model's), the objective and the
 * training settings. {@code --set path=value} edits this tree.
 */
public record TrainJobConfig(
        String modelSource,
        ModelConfig model,
        List<ModelEditConfig> edits,
        String tokenizer,
        DataSourceConfig data,
        String dataFingerprint,
        int context,
        ObjectiveConfig objective,
        TrainConfig train) {

    public TrainJobConfig {
        require(modelSource != null && !modelSource.isBlank(), "model_source: required");
        require(model != null, "model: required");
        edits = edits == null ? List.of() : List.copyOf(edits);
        require(tokenizer != null && !tokenizer.isBlank(), "tokenizer: required");
        require(data != null, "data: required");
        require(context == 0 || context >= 2, "context: must be at least 2 (or 0: the model's), got " + context);
        require(context <= model.contextLength(), "context: " + context + " is longer than the model's "
                + model.contextLength() + " positions");
        require(objective != null, "objective: required");
        require(train != null, "train: required");
    }

    /** The context examples are cut for: the given one, or the model's when 0. */
    public int effectiveContext() {
        return context > 0 ? context : model.contextLength();
    }

    /** The same run with the context resolved and the data's fingerprint filled in, as it is saved. */
    public TrainJobConfig resolved(String fingerprint) {
        return new TrainJobConfig(modelSource, model, edits, tokenizer, data, fingerprint, effectiveContext(), objective, train);
    }

    /** The same run with other training settings. */
    public TrainJobConfig withTrain(TrainConfig newTrain) {
        return new TrainJobConfig(modelSource, model, edits, tokenizer, data, dataFingerprint, context, objective, newTrain);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
