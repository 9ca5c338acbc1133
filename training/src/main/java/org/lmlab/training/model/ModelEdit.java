package org.lmlab.training.model;

import java.util.function.Predicate;
import org.lmlab.models.LanguageModel;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.weights.LoadPolicy;

/**
 * One named change to a model between its source and the trainer: it may change the model's
 * shape ({@link #config}, a new head), what the source's tensors may lack or have extra
 * ({@link #loading}, a dropped pretraining head), and which parameters train ({@link #trainable},
 * a freezing policy). Each method leaves what it does not touch as it was.
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
}
