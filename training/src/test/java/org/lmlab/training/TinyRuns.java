package org.lmlab.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.weights.ModelWeights;
import org.lmlab.training.data.CorpusSplit;
import org.lmlab.training.data.TokenArray;
import org.lmlab.training.data.TrainingData;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.objective.ObjectiveConfig;

/** Objectives, data and listeners for trainer tests on the character-level the-verdict. */
final class TinyRuns {

    static final CharTokenizer TOKENIZER = new CharTokenizer();
    private static final int[] VERDICT = TOKENIZER.encode(TinyModels.verdict());

    private TinyRuns() {
    }

    static Objective objective(String name) {
        return Objectives.standard().create(Objectives.standard().defaults(name), TOKENIZER);
    }

    /** The story's characters split 90/10 into windows for a tiny model's context. */
    static TrainingData verdict(Objective objective) {
        return CorpusSplit.split(new TokenArray(VERDICT), org.lmlab.training.data.WindowShape.adjacent(objective.exampleTokens(TinyModels.CONTEXT), TinyModels.CONTEXT), 0.1);
    }

    /** Every distinct parameter's values by name. */
    static Map<String, float[]> weights(LanguageModel model) {
        Map<String, float[]> values = new LinkedHashMap<>();
        ModelWeights.distinct(model).forEach((name, parameter) -> values.put(name, parameter.getArray().toFloatArray()));
        return values;
    }

    /** Records what the trainer reports. */
    static final class Recorder implements TrainerListener {
        final List<Double> losses = new ArrayList<>();
        final List<StepReport> steps = new ArrayList<>();
        final List<EvalReport> evaluations = new ArrayList<>();

        @Override
        public void onStep(StepReport report) {
            steps.add(report);
            losses.add(report.loss());
        }

        @Override
        public void onEvaluation(EvalReport report) {
            evaluations.add(report);
        }
    }
}
