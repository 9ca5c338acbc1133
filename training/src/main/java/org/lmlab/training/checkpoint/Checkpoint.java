package org.lmlab.training.checkpoint;

import java.nio.file.Path;
import java.util.Map;
import org.lmlab.models.safetensors.HostTensor;

/** A verified checkpoint read back from disk: its directory, state, model weights and optimizer moments. */
public record Checkpoint(Path directory, CheckpointState state, Map<String, HostTensor> model, Map<String, HostTensor> optimizer) {

    /** The file the model weights were read from, for error messages: the checkpoint's own, or {@code model/}'s. */
    public Path modelFile() {
        return state.weightsInModel() ? state.modelWeights().weightsFile(directory) : directory.resolve(CheckpointStore.MODEL_FILE);
    }

    /** The optimizer file inside the directory, for error messages. */
    public Path optimizerFile() {
        return directory.resolve(CheckpointStore.OPTIMIZER_FILE);
    }
}
