package org.lmlab.training.objective;

import ai.djl.ndarray.NDArray;
import org.lmlab.models.ModelInput;

/**
 * A batch as tensors: the model input, the targets (int64, 0 where ignored) and their weights
 * (float, 1 for a predicted position, 0 for an ignored one), and how many targets there are.
 * The arrays are backed by Java memory and must stay open until after backward and the
 * optimizer step.
 */
public record DeviceBatch(ModelInput input, NDArray targets, NDArray weights, long targetCount) {
}
