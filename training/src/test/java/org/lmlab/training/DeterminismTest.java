package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.training.objective.Objective;

/**
 * Same config and seed, same losses bit for bit, with dropout on and a garbage collection forced
 * between every forward and backward pass (where DJL's scalar bug would strike).
 */
class DeterminismTest {

    private static List<Double> losses(ModelConfig modelConfig, String objectiveName, long seed, boolean collectGarbage) {
        Objective objective = TinyRuns.objective(objectiveName);
        TinyRuns.Recorder recorder = new TinyRuns.Recorder();
        List<TrainerListener> listeners = new ArrayList<>(List.of(recorder));
        if (collectGarbage) {
            listeners.add(new TrainerListener() {
                @Override
                public void afterForward(long step, int micro) {
                    churnAndCollect();
                }
            });
        }
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TinyModels.initialized(modelConfig, manager, seed);
            try (Trainer trainer = new Trainer(model, objective, TinyRuns.verdict(objective),
                    TinyModels.config(6, seed), null, listeners)) {
                trainer.train();
            }
        }
        List<Double> losses = new ArrayList<>(recorder.losses);
        recorder.evaluations.forEach(evaluation -> losses.add(evaluation.loss()));
        return losses;
    }

    @Test
    void aGptWithDropoutGivesBitIdenticalLossesAcrossRunsAndGarbageCollections() {
        List<Double> first = losses(TinyModels.gpt(0.1f), "causal-lm", 7, false);
        List<Double> second = losses(TinyModels.gpt(0.1f), "causal-lm", 7, true);
        assertEquals(7, first.size());
        assertEquals(first, second);
        assertNotEquals(first, losses(TinyModels.gpt(0.1f), "causal-lm", 8, false));
    }

    @Test
    void aBertWithRandomMaskingGivesBitIdenticalLosses() {
        List<Double> first = losses(TinyModels.bert(0.1f), "masked-lm", 3, true);
        assertEquals(first, losses(TinyModels.bert(0.1f), "masked-lm", 3, true));
    }

    /** Allocates and drops direct buffers so freed native memory is reused, then collects. */
    private static void churnAndCollect() {
        for (int i = 0; i < 50; i++) {
            java.nio.ByteBuffer.allocateDirect(1 << 12).putFloat(0, 777f);
        }
        System.gc();
        for (int i = 0; i < 200; i++) {
            java.nio.ByteBuffer.allocateDirect(4).putFloat(0, 777f);
        }
    }
}
