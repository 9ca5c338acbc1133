package org.lmlab.training;

import java.nio.file.Path;

/**
 * How a run ended: the updates done, the last step's training loss, the last validation loss
 * (NaN without a validation set), the input tokens trained on, and the last checkpoint (null if
 * none was written).
 */
public record TrainSummary(long steps, double trainLoss, double validationLoss, long tokensSeen, Path lastCheckpoint) {
}
