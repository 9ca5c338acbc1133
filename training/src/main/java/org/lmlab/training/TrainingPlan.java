package org.lmlab.training;

/**
 * What a run is about to do, told to listeners when it starts: the step it starts from (0, or
 * the checkpoint's step on resume), the total, the examples per split and batches per epoch.
 */
public record TrainingPlan(long startStep, long totalSteps, int trainExamples, int validationExamples,
        int batchesPerEpoch, boolean resumed) {
}
