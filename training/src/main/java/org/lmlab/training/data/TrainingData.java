package org.lmlab.training.data;

import java.util.Objects;

/**
 * What a trainer learns from and is checked against: a training set and a validation set
 * (which may be empty, in which case no validation loss is reported).
 */
public record TrainingData(ExampleSet train, ExampleSet validation) {

    public TrainingData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
    }
}
