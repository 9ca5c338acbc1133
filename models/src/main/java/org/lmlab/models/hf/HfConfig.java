package org.lmlab.models.hf;

import java.util.List;

/**
 * A Hugging Face {@code config.json} for one of the architectures lmlab can load and save.
 * Pure data with Hugging Face's key names; the model code maps it to its own config.
 */
public sealed interface HfConfig permits Gpt2HfConfig, BertHfConfig {

    /** The {@code model_type} key, which selects the record type when reading. */
    String modelType();

    /** The {@code vocab_size} key. */
    int vocabSize();

    /** The {@code architectures} key: Hugging Face class names, e.g. {@code GPT2LMHeadModel}. */
    List<String> architectures();
}
