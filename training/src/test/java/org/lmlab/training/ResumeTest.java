package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.training.checkpoint.CheckpointStore;
import org.lmlab.training.data.TrainingData;
import org.lmlab.training.freeze.FreezeConfig;
import org.lmlab.training.freeze.FreezePolicies;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;

/**
 * Kill-and-resume: a run stopped after a checkpoint (and after more steps that are lost) and
 * resumed into a freshly built model ends with exactly the weights, and the same later losses,
 * as a run that never stopped. Dropout, masking, warm-up, cosine decay, accumulation and
 * clipping are all on, so every piece of state must be restored; with frozen parameters too,
 * whose weights come from the checkpoint and which have no optimizer state.
 */
class ResumeTest {

    @TempDir
    Path temp;

    /** Simulates a crash: thrown from a listener after the given step. */
    static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static TrainConfig config() {
        return new TrainConfig(2, 2, 9, 0, 0.5, 0, 1, 3, 2, 1, 99,
                new AdamWConfig(0.9, 0.95, 1e-8, 0.1), new ScheduleConfig(5e-3, 3, 5e-4));
    }

    /** A trainer of every parameter through the original constructor, or of the policy's selection. */
    private static Trainer trainer(LanguageModel model, Objective objective, CheckpointStore store, TrainerListener listener,
            FreezeConfig freeze) {
        TrainingData data = TinyRuns.verdict(objective);
        return freeze == null
                ? new Trainer(model, objective, data, config(), store, List.of(listener))
                : new Trainer(model, objective, data, config(), store, List.of(listener), FreezePolicies.standard().select(model, freeze));
    }

    private void check(ModelConfig modelConfig, String objectiveName) throws Exception {
        check(modelConfig, objectiveName, null);
    }

    private void check(ModelConfig modelConfig, String objectiveName, FreezeConfig freeze) throws Exception {
        Objective objective = TinyRuns.objective(objectiveName);
        TinyRuns.Recorder straight = new TinyRuns.Recorder();
        Map<String, float[]> expected;
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TinyModels.initialized(modelConfig, manager, 99);
            try (Trainer trainer = trainer(model, objective, new CheckpointStore(temp.resolve("straight"), 2), straight, freeze)) {
                trainer.train();
            }
            expected = TinyRuns.weights(model);
        }

        CheckpointStore store = new CheckpointStore(temp.resolve("interrupted"), 2);
        TrainerListener killer = new TrainerListener() {
            @Override
            public void onStep(StepReport report) {
                if (report.step() == 5) {
                    throw new Killed();
                }
            }
        };
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TinyModels.initialized(modelConfig, manager, 99);
            try (Trainer trainer = trainer(model, objective, store, killer, freeze)) {
                assertThrows(Killed.class, trainer::train);
            }
        }

        TinyRuns.Recorder resumed = new TinyRuns.Recorder();
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            // Other initial weights: everything must come from the checkpoint.
            LanguageModel model = TinyModels.initialized(modelConfig, manager, 12345);
            CheckpointStore.Loaded loaded = store.loadLatest();
            assertEquals(List.of(), loaded.warnings());
            assertEquals(3, loaded.checkpoint().state().step());
            try (Trainer trainer = trainer(model, objective, store, resumed, freeze)) {
                TrainSummary summary = trainer.resume(loaded.checkpoint());
                assertEquals(9, summary.steps());
            }
            Map<String, float[]> actual = TinyRuns.weights(model);
            assertEquals(expected.keySet(), actual.keySet());
            expected.forEach((name, values) -> assertArrayEquals(values, actual.get(name), 0f, name));
        }
        assertEquals(straight.losses.subList(3, 9), resumed.losses);
        assertEquals(straight.evaluations.get(straight.evaluations.size() - 1), resumed.evaluations.get(resumed.evaluations.size() - 1));
    }

    @Test
    void aResumedGptEndsBitIdenticalToAnUninterruptedOne() throws Exception {
        check(TinyModels.gpt(0.1f), "causal-lm");
    }

    @Test
    void aResumedBertEndsBitIdenticalToAnUninterruptedOne() throws Exception {
        check(TinyModels.bert(0.1f), "masked-lm");
    }

    @Test
    void aResumedGptWithFrozenLayersEndsBitIdenticalToAnUninterruptedOne() throws Exception {
        check(TinyModels.gpt(0.1f), "causal-lm", FreezeConfig.of("last-block"));
    }

    @Test
    void aResumedBertTrainingOnlyItsHeadEndsBitIdenticalToAnUninterruptedOne() throws Exception {
        check(TinyModels.bert(0.1f), "masked-lm", FreezeConfig.of("head"));
    }

    @Test
    void aCheckpointOfAnotherSeedIsRefused() throws Exception {
        Objective objective = TinyRuns.objective("causal-lm");
        CheckpointStore store = new CheckpointStore(temp.resolve("seeded"), 2);
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TinyModels.initialized(TinyModels.gpt(0f), manager, 1);
            try (Trainer trainer = new Trainer(model, objective, TinyRuns.verdict(objective), TinyModels.config(2, 1), store, List.of())) {
                trainer.train();
            }
            try (Trainer other = new Trainer(model, objective, TinyRuns.verdict(objective), TinyModels.config(2, 2), store, List.of())) {
                IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                        () -> other.resume(store.loadLatest().checkpoint()));
                assertEquals(store.directory().resolve("step-000002") + ": written with seed 1, this run uses 2", error.getMessage());
            }
        }
    }
}
