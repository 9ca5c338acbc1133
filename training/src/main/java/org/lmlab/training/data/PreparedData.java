package org.lmlab.training.data;

/**
 * What a data source returns: the training and validation examples, a fingerprint of what they
 * were made from (a resume refuses data whose fingerprint changed), and a short description of
 * the source for messages (its file).
 */
public record PreparedData(TrainingData data, String fingerprint, String description) {

    public PreparedData {
        if (data == null || fingerprint == null || fingerprint.isBlank()) {
            throw new IllegalArgumentException("a data source must return data and a fingerprint");
        }
    }
}
