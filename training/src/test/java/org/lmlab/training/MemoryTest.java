package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.training.objective.Objective;

/** Training does not leak arrays: the count alive in the model's manager and in the whole engine stays flat over 20 steps. */
class MemoryTest {

    @Test
    void arraysAliveDoNotGrowOverTwentySteps() {
        Objective objective = TinyRuns.objective("masked-lm");
        List<Integer> modelArrays = new ArrayList<>();
        List<Integer> allArrays = new ArrayList<>();
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TinyModels.initialized(TinyModels.bert(0.1f), manager, 4);
            TrainerListener counter = new TrainerListener() {
                @Override
                public void onStep(StepReport report) {
                    modelArrays.add(manager.getManagedArrays().size());
                    allArrays.add(manager.getParentManager().getManagedArrays().size());
                }
            };
            TrainConfig config = new TrainConfig(4, 2, 20, 0, 1.0, 5, 1, 0, 1, 1, 4,
                    TinyModels.config(1, 4).optimizer(), TinyModels.config(1, 4).schedule());
            try (Trainer trainer = new Trainer(model, objective, TinyRuns.verdict(objective), config, null, List.of(counter))) {
                trainer.train();
            }
        }
        assertEquals(20, modelArrays.size());
        for (int step = 1; step < 20; step++) {
            assertEquals(modelArrays.get(0), modelArrays.get(step), "arrays in the model's manager after step " + (step + 1));
            assertEquals(allArrays.get(0), allArrays.get(step), "arrays alive in the engine after step " + (step + 1));
        }
    }
}
