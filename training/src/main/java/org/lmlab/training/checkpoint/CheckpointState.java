package org.lmlab.training.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The {@code state.json} of a checkpoint: everything besides the tensors that a resumed run
 * needs to continue exactly.
 *
 * @param format           layout version ({@value #FORMAT}; format 1 had no {@code model_weights})
 * @param step             optimizer updates done
 * @param epoch            data epoch of the next batch
 * @param indexInEpoch     examples of that epoch already used
 * @param tokensSeen       input tokens trained on so far
 * @param seeds            the run's random streams
 * @param trainConfig      the training settings the run was started with
 * @param sha256           SHA-256 of each tensor file in the checkpoint, by file name
 * @param modelWeights     null when the checkpoint holds its own {@value CheckpointStore#MODEL_FILE};
 *                         else where its weights are (a finished run's {@code model/})
 */
public record CheckpointState(
        int format,
        long step,
        long epoch,
        int indexInEpoch,
        long tokensSeen,
        SeedRecord seeds,
        JsonNode trainConfig,
        Map<String, String> sha256,
        WeightsInModel modelWeights) {

    /** The layout this code writes; it reads this one and format 1. */
    public static final int FORMAT = 2;

    /** A state whose checkpoint holds its own model weights (every checkpoint as written). */
    public CheckpointState(int format, long step, long epoch, int indexInEpoch, long tokensSeen, SeedRecord seeds,
            JsonNode trainConfig, Map<String, String> sha256) {
        this(format, step, epoch, indexInEpoch, tokensSeen, seeds, trainConfig, sha256, null);
    }

    /** The same state with these file hashes. */
    public CheckpointState withHashes(Map<String, String> hashes) {
        return new CheckpointState(format, step, epoch, indexInEpoch, tokensSeen, seeds, trainConfig, Map.copyOf(hashes),
                modelWeights);
    }

    /** The same state with these file hashes and its model weights at {@code weights} (null: in the checkpoint). */
    public CheckpointState withModelWeights(WeightsInModel weights, Map<String, String> hashes) {
        return new CheckpointState(FORMAT, step, epoch, indexInEpoch, tokensSeen, seeds, trainConfig, Map.copyOf(hashes), weights);
    }

    /** True if the checkpoint keeps no model weights of its own but names {@code model/}'s. */
    public boolean weightsInModel() {
        return modelWeights != null;
    }
}
