package org.lmlab.models.preset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.lmlab.layers.attention.AttentionConfig;
import org.lmlab.layers.block.BlockConfig;
import org.lmlab.layers.block.NormPlacement;
import org.lmlab.layers.core.InitConfig;
import org.lmlab.layers.feedforward.FeedForwardConfig;
import org.lmlab.layers.norm.NormConfig;
import org.lmlab.layers.position.PositionalConfig;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.config.ModelConfig;

/**
 * Named model configs: the published GPT-2 and BERT sizes, the book's GPT-2 variant, and small
 * models for tests and quick studies. Each is a plain {@link ModelConfig} value.
 */
public final class Presets {

    /** GPT-2's byte-level BPE vocabulary size. */
    public static final int GPT2_VOCAB = 50257;

    /** bert-base-uncased's WordPiece vocabulary size. */
    public static final int BERT_VOCAB = 30522;

    private static final Map<String, ModelConfig> ALL = new LinkedHashMap<>();

    static {
        add(gpt2("gpt2-124m", 768, 12, 12, 1024, true, true, 0.1f));
        add(gpt2("gpt2-355m", 1024, 24, 16, 1024, true, true, 0.1f));
        add(gpt2("gpt2-774m", 1280, 36, 20, 1024, true, true, 0.1f));
        add(gpt2("gpt2-1558m", 1600, 48, 25, 1024, true, true, 0.1f));
        // The book's GPT_CONFIG_124M: no QKV bias, untied output, and PyTorch's default init, as its code has.
        add(gpt2("gpt2-124m-book", 768, 12, 12, 1024, false, false, 0.1f).withInit(InitConfig.PYTORCH));
        // Chapter 5 shortens the same model's context to 256 tokens for pretraining on the-verdict.
        add(gpt2("gpt2-124m-ch5", 768, 12, 12, 256, false, false, 0.1f).withInit(InitConfig.PYTORCH));
        add(gpt2("gpt-tiny", 128, 2, 4, 128, true, true, 0f));
        add(gpt2("gpt-small", 256, 4, 4, 256, true, true, 0f));
        add(bert("bert-base", 768, 12, 12, 512, 0.1f));
        add(bert("bert-large", 1024, 24, 16, 512, 0.1f));
        add(bert("bert-tiny", 128, 2, 4, 128, 0f));
        add(bert("bert-small", 256, 4, 4, 256, 0f));
    }

    private Presets() {
    }

    /** The preset of this name, or an error listing the known names. */
    public static ModelConfig get(String name) {
        ModelConfig config = ALL.get(name);
        if (config == null) {
            throw new IllegalArgumentException("unknown model preset '" + name + "'; known: "
                    + String.join(", ", new TreeMap<>(ALL).keySet()));
        }
        return config;
    }

    /** All presets in a stable order (GPT sizes, then BERT sizes). */
    public static Map<String, ModelConfig> all() {
        return Collections.unmodifiableMap(ALL);
    }

    /**
     * A GPT-2-shaped decoder: learned positions, pre-norm LayerNorm (eps 1e-5), tanh GELU with
     * 4x hidden, a final norm, next-token head.
     */
    public static ModelConfig gpt2(String name, int width, int layers, int heads, int context,
            boolean qkvBias, boolean tied, float dropout) {
        BlockConfig block = new BlockConfig(
                AttentionConfig.multiHead(heads, qkvBias, dropout),
                NormConfig.GPT2,
                new FeedForwardConfig("gelu-tanh", 4 * width, true),
                NormPlacement.PRE,
                dropout);
        return new ModelConfig(name, "decoder", GPT2_VOCAB, width, layers, 0, PositionalConfig.learned(context),
                block, false, true, false, dropout, HeadConfig.languageModel(tied), InitConfig.GPT2);
    }

    /**
     * A BERT-shaped encoder: learned positions, two token types, embedding LayerNorm, post-norm
     * LayerNorm (eps 1e-12), erf GELU with 4x hidden, a pooler, masked-LM head tied to the embedding.
     */
    public static ModelConfig bert(String name, int width, int layers, int heads, int context, float dropout) {
        BlockConfig block = new BlockConfig(
                AttentionConfig.multiHead(heads, true, dropout),
                NormConfig.BERT,
                new FeedForwardConfig("gelu-erf", 4 * width, true),
                NormPlacement.POST,
                dropout);
        return new ModelConfig(name, "encoder", BERT_VOCAB, width, layers, 2, PositionalConfig.learned(context),
                block, true, false, true, dropout, HeadConfig.maskedLanguageModel(), InitConfig.BERT);
    }

    private static void add(ModelConfig config) {
        ALL.put(config.name(), config);
    }
}
