package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.LanguageModel;
import org.lmlab.training.data.CorpusSplit;
import org.lmlab.training.data.TokenArray;
import org.lmlab.training.data.TrainingData;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.ScheduleConfig;

/**
 * The book's chapter-5 curve in miniature: a tiny GPT trained for 40 epochs on the first 1,500
 * characters of the-verdict (90/10 split, constant rate, weight decay 0.1, dropout 0.1) drives
 * its training loss far down while the validation loss passes a minimum and rises again.
 */
class OverfittingCurveTest {

    @Test
    void trainingLossFallsWhileValidationLossTurnsUp() {
        Objective objective = TinyRuns.objective("causal-lm");
        int[] text = Arrays.copyOf(TinyRuns.TOKENIZER.encode(TinyModels.verdict()), 1500);
        TrainingData data = CorpusSplit.split(new TokenArray(text), org.lmlab.training.data.WindowShape.adjacent(objective.exampleTokens(TinyModels.CONTEXT), TinyModels.CONTEXT), 0.1);
        TinyRuns.Recorder run = new TinyRuns.Recorder();
        TrainConfig config = new TrainConfig(4, 1, 0, 40, 0, 20, 0, 0, 1, 1, 123, AdamWConfig.BOOK, ScheduleConfig.constant(3e-3));
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            LanguageModel model = TinyModels.initialized(TinyModels.gpt(0.1f), manager, 123);
            try (Trainer trainer = new Trainer(model, objective, data, config, null, List.of(run))) {
                trainer.train();
            }
        }
        double firstTrain = run.losses.get(0);
        double lastTrain = run.losses.subList(run.losses.size() - 20, run.losses.size()).stream()
                .mapToDouble(Double::doubleValue).average().orElseThrow();
        double minimumValidation = run.evaluations.stream().mapToDouble(EvalReport::loss).min().orElseThrow();
        double lastValidation = run.evaluations.get(run.evaluations.size() - 1).loss();
        String curve = "train " + firstTrain + " -> " + lastTrain + ", validation minimum " + minimumValidation + " -> " + lastValidation;
        assertTrue(lastTrain < 0.6 * firstTrain, curve);
        assertTrue(lastValidation > minimumValidation + 0.3, curve);
        assertTrue(lastValidation > lastTrain + 1.0, curve);
    }
}
