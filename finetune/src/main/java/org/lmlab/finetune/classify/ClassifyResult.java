package org.lmlab.finetune.classify;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a classification fine-tune ended: the run directory, the optimizer steps taken, the
 * trainable parameter count, the model's accuracy per split ({@code train}, {@code validation},
 * {@code test}; NaN for an empty split), the test split's correct and total counts, and the
 * baseline's accuracies (empty without a baseline).
 */
public record ClassifyResult(Path run, long steps, long trainableParameters, Map<String, Double> accuracy,
        long testCorrect, long testCount, Map<String, Double> baselineAccuracy) {

    public ClassifyResult {
        accuracy = Map.copyOf(accuracy);
        baselineAccuracy = Map.copyOf(baselineAccuracy);
    }

    /** The run's model directory. */
    public Path model() {
        return run.resolve("model");
    }
}
