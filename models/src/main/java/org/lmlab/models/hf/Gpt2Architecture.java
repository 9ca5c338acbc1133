package org.lmlab.models.hf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
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
 * Hugging Face GPT-2 ({@code GPT2LMHeadModel}): {@code wte}, {@code wpe}, blocks {@code h.N}
 * with fused {@code c_attn} stored as {@code Conv1D} [in, out], {@code ln_f}, and an
 * {@code lm_head} only when not tied.
 */
public final class Gpt2Architecture implements HfArchitecture<Gpt2HfConfig> {

    private static final Map<String, String> ACTIVATIONS = Map.of(
            "gelu_new", "gelu-tanh", "gelu_pytorch_tanh", "gelu-tanh", "gelu_fast", "gelu-tanh", "gelu", "gelu-erf");

    /** The feed-forward types GPT-2 can express, and the activation_function each is written as. */
    private static final Map<String, String> FEED_FORWARDS = orderedMap("gelu-tanh", "gelu_new", "gelu-erf", "gelu");

    private static final Pattern BUFFERS = Pattern.compile("h\\.\\d+\\.attn\\.(bias|masked_bias)");

    @Override
    public Class<Gpt2HfConfig> configType() {
        return Gpt2HfConfig.class;
    }

    @Override
    public ModelConfig toModelConfig(Gpt2HfConfig hf, String name, Predicate<String> stored) {
        String activation = ACTIVATIONS.get(hf.activationFunction());
        if (activation == null) {
            throw new IllegalArgumentException("activation_function: '" + hf.activationFunction()
                    + "' is not supported; known: " + String.join(", ", new java.util.TreeSet<>(ACTIVATIONS.keySet())));
        }
        float attentionDropout = (float) hf.attnPdrop();
        BlockConfig block = new BlockConfig(
                AttentionConfig.of("multi-head", hf.nHead(), hf.nHead(), 0, true, true, attentionDropout),
                new NormConfig("layer-norm", (float) hf.layerNormEpsilon()),
                new FeedForwardConfig(activation, hf.nInner(), true),
                NormPlacement.PRE,
                (float) hf.residPdrop());
        return new ModelConfig(name, "decoder", hf.vocabSize(), hf.nEmbd(), hf.nLayer(), 0,
                PositionalConfig.learned(hf.nPositions()), block, false, true, false, (float) hf.embdPdrop(),
                HeadConfig.languageModel(hf.tieWordEmbeddings()), InitConfig.GPT2);
    }

    @Override
    public Gpt2HfConfig fromModelConfig(ModelConfig config) {
        BlockConfig block = config.block();
        List<String> problems = new ArrayList<>();
        HfRepresentability.expect(problems, "stack", config.stack(), "decoder");
        HfRepresentability.expect(problems, "positions.type", config.positions().type(), "learned");
        HfRepresentability.expectMultiHeadAttention(problems, config);
        HfRepresentability.expect(problems, "block.norm.type", block.norm().type(), "layer-norm");
        HfRepresentability.expect(problems, "block.placement", block.placement(), NormPlacement.PRE);
        HfRepresentability.expectOneOf(problems, "block.feed_forward.type", block.feedForward().type(), FEED_FORWARDS.keySet());
        HfRepresentability.expect(problems, "block.feed_forward.bias", block.feedForward().bias(), true);
        HfRepresentability.expect(problems, "embedding_norm", config.embeddingNorm(), false);
        HfRepresentability.expect(problems, "final_norm", config.finalNorm(), true);
        HfRepresentability.expect(problems, "type_vocab_size", config.typeVocabSize(), 0);
        HfRepresentability.expect(problems, "pooler", config.pooler(), false);
        HfRepresentability.expect(problems, "head.type", config.head().type(), "lm");
        HfRepresentability.check(problems, "GPT-2", config.name());
        return new Gpt2HfConfig(config.vocabSize(), config.contextLength(), config.width(), config.layers(),
                block.attention().heads(), block.feedForward().hidden(), HfRepresentability.decimal(block.norm().eps()),
                FEED_FORWARDS.get(block.feedForward().type()),
                HfRepresentability.decimal(block.residualDropout()), HfRepresentability.decimal(config.embeddingDropout()),
                HfRepresentability.decimal(block.attention().dropout()),
                Gpt2HfConfig.DEFAULT_ARCHITECTURES, config.head().tied());
    }

    @Override
    public String optionalPrefix() {
        return "transformer.";
    }

    @Override
    public boolean mayPrefix(String canonical) {
        return !canonical.startsWith("lm_head.");
    }

    @Override
    public String storedName(ModelConfig config, String canonical) {
        return mayPrefix(canonical) ? optionalPrefix() + canonical : canonical;
    }

    @Override
    public List<TensorRule> rules(ModelConfig config) {
        List<TensorRule> rules = new ArrayList<>();
        rules.add(new TensorRule.Renamed("embeddings.tokens.weight", "wte.weight"));
        rules.add(new TensorRule.Renamed("embeddings.positions.weight", "wpe.weight"));
        for (int i = 0; i < config.layers(); i++) {
            String block = "blocks." + i + ".";
            String h = "h." + i + ".";
            addNorm(rules, block + "attention_norm", h + "ln_1");
            rules.add(new TensorRule.Transposed(block + "attention.qkv.weight", h + "attn.c_attn.weight"));
            rules.add(new TensorRule.Renamed(block + "attention.qkv.bias", h + "attn.c_attn.bias"));
            rules.add(new TensorRule.Transposed(block + "attention.output.weight", h + "attn.c_proj.weight"));
            rules.add(new TensorRule.Renamed(block + "attention.output.bias", h + "attn.c_proj.bias"));
            addNorm(rules, block + "feed_forward_norm", h + "ln_2");
            rules.add(new TensorRule.Transposed(block + "feed_forward.up.weight", h + "mlp.c_fc.weight"));
            rules.add(new TensorRule.Renamed(block + "feed_forward.up.bias", h + "mlp.c_fc.bias"));
            rules.add(new TensorRule.Transposed(block + "feed_forward.down.weight", h + "mlp.c_proj.weight"));
            rules.add(new TensorRule.Renamed(block + "feed_forward.down.bias", h + "mlp.c_proj.bias"));
        }
        addNorm(rules, "final_norm", "ln_f");
        if (!config.head().tied()) {
            rules.add(new TensorRule.Renamed("head.output.weight", "lm_head.weight"));
        }
        return rules;
    }

    @Override
    public Predicate<String> ignorable(ModelConfig config) {
        Predicate<String> buffers = name -> BUFFERS.matcher(name).matches();
        // A tied checkpoint may still carry lm_head.weight (a copy of wte); the model uses wte.
        return config.head().tied() ? buffers.or(name -> name.equals("lm_head.weight")) : buffers;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static void addNorm(List<TensorRule> rules, String lmlab, String hf) {
        rules.add(new TensorRule.Renamed(lmlab + ".weight", hf + ".weight"));
        rules.add(new TensorRule.Renamed(lmlab + ".bias", hf + ".bias"));
    }
}
