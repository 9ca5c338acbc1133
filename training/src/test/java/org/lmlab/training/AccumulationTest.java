package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;

/**
 * Two micro-batches of 4 accumulated into one step equal one batch of 8: the trainer divides
 * each micro-batch's summed loss by the number of targets of the whole step, so the gradient is
 * the mean over all targets either way (and the sampler draws the same 8 examples). Compared
 * through the optimizer's first moment, which after one update is 0.1 times the gradient (the
 * weights themselves are not: Adam's first step divides by |g| and so magnifies float noise in
 * gradients near zero).
 */
class AccumulationTest {

    private static Map<String, float[]> afterOneStep(int batch, int accumulation, TinyRuns.Recorder recorder) {
        Objective objective = TinyRuns.objective("causal-lm");
        TrainConfig config = new TrainConfig(batch, accumulation, 1, 0, 1.0, 0, 1, 0, 1, 1, 21,
                AdamWConfig.BOOK, ScheduleConfig.constant(1e-2));
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TinyModels.initialized(TinyModels.gpt(0f), manager, 21);
            try (Trainer trainer = new Trainer(model, objective, TinyRuns.verdict(objective), config, null, List.of(recorder))) {
                trainer.train();
                // After one update the first moment is (1 - beta1) * gradient: the accumulated gradient itself.
                return trainer.optimizer().exportState().stream().filter(tensor -> tensor.name().startsWith("m."))
                        .collect(Collectors.toMap(HostTensor::name, HostTensor::data));
            }
        }
    }

    @Test
    void twoMicroBatchesEqualOneBatchOfDoubleSize() {
        TinyRuns.Recorder accumulated = new TinyRuns.Recorder();
        TinyRuns.Recorder whole = new TinyRuns.Recorder();
        Map<String, float[]> a = afterOneStep(4, 2, accumulated);
        Map<String, float[]> b = afterOneStep(8, 1, whole);
        assertEquals(whole.losses.get(0), accumulated.losses.get(0), 1e-6);
        assertEquals(whole.steps.get(0).gradientNorm(), accumulated.steps.get(0).gradientNorm(), 1e-5);
        assertEquals(whole.steps.get(0).tokens(), accumulated.steps.get(0).tokens());
        a.forEach((name, values) -> {
            float[] other = b.get(name);
            for (int i = 0; i < values.length; i++) {
                assertEquals(other[i], values[i], 1e-7, name + "[" + i + "]");
            }
        });
    }
}
