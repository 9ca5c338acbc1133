package org.lmlab.training.data;

/**
 * What a data source returns: the training and validation examples, a fingerprint of what they
 * were made from (a resume refuses data whose fingerprint changed), a short description of
 * the source for messages (its file), and the files it writes into a new run directory
 * ({@link RunFiles}: the split files of a fine-tuning task; none for a corpus).
 */
public record PreparedData(TrainingData data, String fingerprint, String description, RunFiles runFiles) {

    public PreparedData {
        if (data == null || fingerprint == null || fingerprint.isBlank()) {
            throw new IllegalArgumentException("a data source must return data and a fingerprint");
        }
        runFiles = runFiles == null ? RunFiles.NONE : runFiles;
    }

    /** Data that writes nothing into the run directory. */
    public PreparedData(TrainingData data, String fingerprint, String description) {
        this(data, fingerprint, description, RunFiles.NONE);
    }
}
