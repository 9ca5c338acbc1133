package org.lmlab.experiments.file;

import org.lmlab.training.TrainConfig;
import org.lmlab.training.data.DataSourceConfig;

/**
 * The pretraining stage, the same for every model: the data source, the context examples are
 * cut for (0: each model's own) and the trainer's settings.
 */
public record PretrainPlan(DataSourceConfig data, int context, TrainConfig train) {
}
