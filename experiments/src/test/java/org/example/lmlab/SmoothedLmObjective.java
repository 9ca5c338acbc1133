package org.example.lmlab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import org.lmlab.models.LanguageModel;
import org.lmlab.training.data.Example;
import org.lmlab.training.objective.CausalLmObjective;
import org.lmlab.training.objective.DeviceBatch;
import org.lmlab.training.objective.HostBatch;
import org.lmlab.training.objective.LossOutput;
import org.lmlab.training.objective.MetricSum;
import org.lmlab.training.objective.ObjectiveConfig;
import org.lmlab.training.objective.Objective;
import org.lmlab.training.seed.SeededRandom;

/**
 * A plugin's objective: next-token prediction with label smoothing (its own knob,
 * {@code smoothing}), reporting next-token accuracy as a metric. It reuses the causal
 * objective's batching and owns its loss, forward pass included.
 */
public final class SmoothedLmObjective implements Objective {

    /** The objective's config record. */
    public record Config(String type, double smoothing) implements ObjectiveConfig {

        /** The defaults, used for {@code --objective smoothed-lm}. */
        public static final Config DEFAULTS = new Config("smoothed-lm", 0.1);

        public Config {
            if (!(smoothing >= 0 && smoothing < 1)) {
                throw new IllegalArgumentException("objective.smoothing: must be in [0, 1), got " + smoothing);
            }
        }
    }

    private final CausalLmObjective batching;
    private final float smoothing;

    public SmoothedLmObjective(Config config, int padId) {
        this.batching = new CausalLmObjective(padId);
        this.smoothing = (float) config.smoothing();
    }

    @Override
    public String name() {
        return "smoothed-lm";
    }

    @Override
    public void checkCompatible(LanguageModel model) {
        batching.checkCompatible(model);
    }

    @Override
    public int exampleTokens(int context) {
        return batching.exampleTokens(context);
    }

    @Override
    public HostBatch prepare(List<Example> examples, SeededRandom random) {
        return batching.prepare(examples, random);
    }

    @Override
    public LossOutput loss(LanguageModel model, DeviceBatch batch, boolean training) {
        NDArray logits = model.forward(batch.input(), training);
        NDArray logProbabilities = logits.logSoftmax(2);
        NDArray picked = logProbabilities.gather(batch.targets().expandDims(2), 2).squeeze(2);
        NDArray uniform = logProbabilities.mean(new int[] {2});
        NDArray keep = logits.getManager().create(1 - smoothing);
        NDArray spread = logits.getManager().create(smoothing);
        NDArray perToken = picked.mul(keep).add(uniform.mul(spread));
        NDArray loss = perToken.mul(batch.weights()).sum().neg();
        NDArray correct = logits.argMax(2).eq(batch.targets()).toType(DataType.FLOAT32, false)
                .mul(batch.weights()).sum();
        return new LossOutput(loss, batch.targetCount(),
                Map.of("accuracy", new MetricSum(correct.getFloat(), batch.targetCount())));
    }
}
