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

    /**
     * The model the config describes.
     *
     * @param stored whether the checkpoint holds a tensor, by canonical name (prefix and old
     *     LayerNorm names accepted): a family reads optional parts such as a pooler or a head from it
     */
    ModelConfig toModelConfig(C config, String name, Predicate<String> stored);

    /**
     * The config.json of a model, or an {@link UnrepresentableModelException} naming each
     * component the family cannot express (for example RoPE in GPT-2); {@code ModelDirectory.save}
     * then falls back to lmlab's own layout.
     */
    C fromModelConfig(ModelConfig config);

    /** The prefix published checkpoints may put before tensor names ({@code transformer.}, {@code bert.}). */
    String optionalPrefix();

    /** True if a canonical tensor name may carry {@link #optionalPrefix()} (heads such as {@code lm_head.} never do). */
    boolean mayPrefix(String canonical);

    /** The name a canonical tensor is written under for this model (with the prefix where Hugging Face puts one). */
    String storedName(ModelConfig config, String canonical);

    /** One rule per lmlab parameter of this model. */
    List<TensorRule> rules(ModelConfig config);

    /** Tensors (canonical names) a checkpoint of this model may carry that it does not use (buffers, other heads). */
    Predicate<String> ignorable(ModelConfig config);
}
