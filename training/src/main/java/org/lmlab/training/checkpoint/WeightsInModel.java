package org.lmlab.training.checkpoint;

import java.nio.file.Path;
import org.lmlab.models.io.ModelDirectory;

/**
 * Where a final checkpoint's model weights live when it keeps no copy of its own: the run's
 * model directory, relative to the checkpoint directory ({@code ../../model}), and the SHA-256
 * of that directory's weights file, so a changed or damaged file is detected before a resume
 * reads it (see {@link CheckpointStore#shareWithModel}).
 *
 * @param directory the model directory, relative to the checkpoint directory, with {@code /}
 * @param sha256    SHA-256 of its {@value ModelDirectory#WEIGHTS}
 */
public record WeightsInModel(String directory, String sha256) {

    public WeightsInModel {
        if (directory == null || directory.isBlank() || sha256 == null || sha256.isBlank()) {
            throw new IllegalArgumentException("model_weights: needs directory and sha256");
        }
    }

    /** The model directory this names, seen from {@code checkpointDirectory}. */
    public Path resolve(Path checkpointDirectory) {
        return checkpointDirectory.resolve(directory).normalize();
    }

    /** The weights file this names, seen from {@code checkpointDirectory}. */
    public Path weightsFile(Path checkpointDirectory) {
        return resolve(checkpointDirectory).resolve(ModelDirectory.WEIGHTS);
    }
}
