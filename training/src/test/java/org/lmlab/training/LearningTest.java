package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;

/**
 * A GPT and a BERT each learn the-verdict's characters through the same Trainer class. Uniform
 * guessing over the 36 ids costs ln 36 = 3.58 nats; character frequencies alone about 2.85, so
 * a GPT below that uses the context.
 */
class LearningTest {

    private static TinyRuns.Recorder train(ModelConfig modelConfig, String objectiveName) {
        Objective objective = TinyRuns.objective(objectiveName);
        TinyRuns.Recorder recorder = new TinyRuns.Recorder();
        TrainConfig config = new TrainConfig(32, 1, 150, 0, 1.0, 150, 2, 0, 1, 1, 17,
                AdamWConfig.BOOK, new ScheduleConfig(3e-3, 10, 3e-4));
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TinyModels.initialized(modelConfig, manager, 17);
            try (Trainer trainer = new Trainer(model, objective, TinyRuns.verdict(objective), config, null, List.of(recorder))) {
                trainer.train();
            }
        }
        return recorder;
    }

    @Test
    void aGptLearnsTheNextCharacterBeyondItsFrequency() {
        TinyRuns.Recorder run = train(TinyModels.gpt(0f), "causal-lm");
        double before = run.evaluations.get(0).loss();
        double after = run.evaluations.get(run.evaluations.size() - 1).loss();
        assertTrue(before > 3.4, "initial validation loss " + before);
        assertTrue(after < 2.6, "validation loss after 150 steps " + after);
    }

    @Test
    void aBertLearnsTheMaskedCharacter() {
        TinyRuns.Recorder run = train(TinyModels.bert(0f), "masked-lm");
        double before = run.evaluations.get(0).loss();
        double after = run.evaluations.get(run.evaluations.size() - 1).loss();
        assertTrue(before > 3.4, "initial validation loss " + before);
        assertTrue(after < 3.0 && after < before - 0.6, "validation loss went from " + before + " to " + after);
    }
}
