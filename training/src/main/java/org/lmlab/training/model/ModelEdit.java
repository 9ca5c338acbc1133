package org.lmlab.training.model;

import java.util.function.Predicate;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.weights.LoadPolicy;
import org.lmlab.training.seed.SeededRandom;

/**
 * One named change to a model between its source and the trainer: it may change the model's
 * shape ({@link #config}, a new head), what the source's tensors may lack or have extra
 * ({@link #loading}, a dropped pretraining head), and which parameters train ({@link #trainable},
 * a freezing policy), what the model is made of once built ({@link #modify}, LoRA's adapters)
 * and how the trained model is saved ({@link #finish}, adapters merged). Each method leaves what
 * it does not touch as it was.
 */
public interface ModelEdit {

    /** The model config after this edit. */
    default ModelConfig config(ModelConfig config) {
        return config;
    }

    /** What loading the source's weights accepts after this edit. */
    default LoadPolicy loading(LoadPolicy policy) {
        return policy;
    }

    /** Which parameter names train after this edit, given those that trained before it. */
    default Predicate<String> trainable(LanguageModel model, Predicate<String> before) {
        return before;
    }

    /**
     * Changes the built model itself, after its weights are loaded (or initialised) and before
     * the trainable parameters are chosen: adds parameters (LoRA's adapters) that the source's
     * weights do not have, so checkpoints hold them and a resume rebuilds them the same way.
     *
     * @param random the only source of randomness, derived from the run's seed and the edit's place
     */
    default void modify(LanguageModel model, SeededRandom random) {
    }

    /**
     * Turns the trained model back into a plain model of its config before it is saved (LoRA
     * merges its adapters into the base weights), so the saved directory needs no edit to load.
     */
    default void finish(LanguageModel model) {
    }
}
