package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.training.checkpoint.CheckpointStore;
import org.lmlab.training.data.SlidingWindows;
import org.lmlab.training.data.TrainingData;
import org.lmlab.training.data.Example;
import org.lmlab.training.objective.DeviceBatch;
import org.lmlab.training.objective.LossOutput;
import org.lmlab.training.objective.HostBatch;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.data.WindowShape;
import org.lmlab.training.seed.SeededRandom;

/** A NaN loss stops the run with a message naming the step, leaving weights and last checkpoint as they were. */
class DivergenceTest {

    @TempDir
    Path temp;

    /** The causal objective, except that from a chosen step on its loss is NaN. */
    private static final class PoisonedObjective implements Objective {
        private final Objective inner = TinyRuns.objective("causal-lm");
        boolean poisoned;

        @Override
        public String name() {
            return "poisoned";
        }

        @Override
        public void checkCompatible(LanguageModel model) {
            inner.checkCompatible(model);
        }

        @Override
        public int exampleTokens(int context) {
            return inner.exampleTokens(context);
        }

        @Override
        public HostBatch prepare(List<Example> examples, SeededRandom random) {
            return inner.prepare(examples, random);
        }

        @Override
        public LossOutput loss(LanguageModel model, DeviceBatch batch, boolean training) {
            LossOutput loss = inner.loss(model, batch, training);
            return poisoned ? LossOutput.of(loss.loss().mul(batch.weights().getManager().create(Float.NaN)), loss.targets()) : loss;
        }
    }

    @Test
    void aNanLossStopsTheRunAndKeepsTheLastGoodCheckpoint() throws Exception {
        PoisonedObjective objective = new PoisonedObjective();
        TrainingData all = TinyRuns.verdict(objective);
        TrainingData noValidation = new TrainingData(all.train(), new SlidingWindows(new org.lmlab.training.data.TokenArray(new int[0]), 0, 0, new WindowShape(2, 1)));
        CheckpointStore store = new CheckpointStore(temp.resolve("checkpoints"), 2);
        TrainConfig config = new TrainConfig(4, 1, 10, 0, 1.0, 0, 1, 2, 2, 1, 5,
                TinyModels.config(1, 5).optimizer(), TinyModels.config(1, 5).schedule());
        TrainerListener poisonAfterFive = new TrainerListener() {
            @Override
            public void onStep(StepReport report) {
                objective.poisoned = report.step() == 5;
            }
        };
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TinyModels.initialized(TinyModels.gpt(0f), manager, 5);
            try (Trainer trainer = new Trainer(model, objective, noValidation, config, store, List.of(poisonAfterFive))) {
                TrainingDivergedException error = assertThrows(TrainingDivergedException.class, trainer::train);
                assertEquals(6, error.step());
                assertEquals(store.directory().resolve("step-000004"), error.lastCheckpoint());
                assertEquals("training stopped at step 6: the loss is NaN and the gradient norm NaN, so the step changed no weight; "
                        + "the last checkpoint is " + store.directory().resolve("step-000004")
                        + " (resuming it would repeat the same steps); try a lower learning rate or gradient clipping",
                        error.getMessage());
            }
            assertEquals("step-000004", Files.readString(store.directory().resolve("latest")).strip());
            CheckpointStore.Loaded loaded = store.loadLatest();
            assertEquals(4, loaded.checkpoint().state().step());
            // The weights are step 5's: finite, and not the checkpoint's (step 4) nor touched by the NaN step.
            Map<String, float[]> weights = TinyRuns.weights(model);
            weights.values().forEach(values -> {
                for (float value : values) {
                    assertEquals(true, Float.isFinite(value));
                }
            });
            float[] embedding = weights.get("embeddings.tokens.weight");
            float[] saved = loaded.checkpoint().model().get("embeddings.tokens.weight").data();
            assertEquals(false, java.util.Arrays.equals(embedding, saved));
            assertArrayEquals(new long[] {TinyModels.VOCAB, TinyModels.WIDTH},
                    loaded.checkpoint().model().get("embeddings.tokens.weight").shape());
        }
    }
}
