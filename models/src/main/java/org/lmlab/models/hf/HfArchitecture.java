package org.lmlab.models.hf;

import java.util.List;
import java.util.function.Predicate;
import org.lmlab.models.config.ModelConfig;

/**
 * One Hugging Face model family lmlab can read and write: how its {@code config.json} maps to
 * a {@link ModelConfig}, and where each lmlab parameter lives among its tensors.
 *
 * @param <C> the config.json record of the family
 */
public interface HfArchitecture<C extends HfConfig> {

    /** The config record type this family reads. */
    Class<C> configType();

    /** The model the config describes; {@code hasPooler} says whether the checkpoint holds pooler weights. */
    ModelConfig toModelConfig(C config, String name, boolean hasPooler);

    /**
     * The config.json of a model, or an error saying what the family cannot express (for
     * example RoPE in GPT-2), in which case the model is saved in lmlab's own layout.
     */
    C fromModelConfig(ModelConfig config);

    /** The prefix published checkpoints may put before every tensor name ({@code transformer.}, {@code bert.}). */
    String optionalPrefix();

    /** Canonical name of a tensor whose presence means the model has a pooler, or null if never. */
    String poolerTensor();

    /** The name a canonical tensor is written under (with the prefix where Hugging Face puts one). */
    String storedName(String canonical);

    /** One rule per lmlab parameter of this model. */
    List<TensorRule> rules(ModelConfig config);

    /** Tensors (canonical names) a checkpoint of this model may carry that it does not use (buffers, other heads). */
    Predicate<String> ignorable(ModelConfig config);
}
