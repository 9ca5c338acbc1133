package org.lmlab.training.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The {@code state.json} of a checkpoint: everything besides the tensors that a resumed run
 * needs to continue exactly.
 *
 * @param format           layout version ({@value #FORMAT})
 * @param step             optimizer updates done
 * @param epoch            data epoch of the next batch
 * @param indexInEpoch     examples of that epoch already used
 * @param tokensSeen       input tokens trained on so far
 * @param seeds            the run's random streams
 * @param trainConfig      the training settings the run was started with
 * @param sha256           SHA-256 of each tensor file in the checkpoint, by file name
 */
public record CheckpointState(
        int format,
        long step,
        long epoch,
        int indexInEpoch,
        long tokensSeen,
        SeedRecord seeds,
        JsonNode trainConfig,
        Map<String, String> sha256) {

    /** The layout this code writes and reads. */
    public static final int FORMAT = 1;

    /** The same state with these file hashes. */
    public CheckpointState withHashes(Map<String, String> hashes) {
        return new CheckpointState(format, step, epoch, indexInEpoch, tokensSeen, seeds, trainConfig, Map.copyOf(hashes));
    }
}
