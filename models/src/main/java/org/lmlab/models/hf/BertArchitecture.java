package org.lmlab.models.hf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.lmlab.layers.attention.AttentionConfig;
import org.lmlab.layers.block.BlockConfig;
import org.lmlab.layers.block.NormPlacement;
import org.lmlab.layers.core.InitConfig;
import org.lmlab.layers.feedforward.FeedForwardConfig;
import org.lmlab.layers.norm.NormConfig;
import org.lmlab.layers.position.PositionalConfig;
import org.lmlab.models.config.HeadConfig;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.head.NoHead;

/**
 * Hugging Face BERT: {@code BertForMaskedLM} (also read from {@code BertForPreTraining}) and the
 * head-less {@code BertModel}. {@code embeddings}, {@code encoder.layer.N} with separate query,
 * key and value {@code nn.Linear} [out, in], an optional {@code pooler}; the masked-LM models
 * prefix these with {@code bert.} and add the head {@code cls.predictions} (decoder tied to the
 * word embeddings), which lmlab loads as head {@code mlm}. A checkpoint whose architectures say
 * {@code BertModel}, or that has no {@code cls.predictions} tensors, loads with head
 * {@code none}, and such a model is written back as a {@code BertModel} (no prefix, no head).
 */
public final class BertArchitecture implements HfArchitecture<BertHfConfig> {

    private static final Map<String, String> ACTIVATIONS = Map.of("gelu", "gelu-erf", "gelu_new", "gelu-tanh");

    /** The feed-forward types BERT can express, and the hidden_act each is written as. */
    private static final Map<String, String> FEED_FORWARDS = feedForwards();

    /** The Hugging Face class of a head-less BERT. */
    public static final String BERT_MODEL = "BertModel";

    /** The tensor whose presence means a masked-LM head. */
    private static final String MLM_TENSOR = "cls.predictions.transform.dense.weight";

    /** The tensor whose presence means a pooler. */
    private static final String POOLER_TENSOR = "pooler.dense.weight";

    /** Buffers and heads lmlab does not use: position ids, the tied decoder copy, next-sentence prediction. */
    private static final Set<String> UNUSED = Set.of(
            "embeddings.position_ids",
            "cls.predictions.decoder.weight",
            "cls.predictions.decoder.bias",
            "cls.seq_relationship.weight",
            "cls.seq_relationship.bias");

    /** What a head-less model may leave unread: a BertModel file has no cls.predictions, so any there is reported. */
    private static final Set<String> UNUSED_WITHOUT_HEAD = Set.of(
            "embeddings.position_ids",
            "cls.seq_relationship.weight",
            "cls.seq_relationship.bias");

    @Override
    public Class<BertHfConfig> configType() {
        return BertHfConfig.class;
    }

    @Override
    public ModelConfig toModelConfig(BertHfConfig hf, String name, Predicate<String> stored) {
        String activation = ACTIVATIONS.get(hf.hiddenAct());
        if (activation == null) {
            throw new IllegalArgumentException("hidden_act: '" + hf.hiddenAct() + "' is not supported; known: "
                    + String.join(", ", new java.util.TreeSet<>(ACTIVATIONS.keySet())));
        }
        boolean maskedLm = !hf.architectures().contains(BERT_MODEL) && stored.test(MLM_TENSOR);
        float dropout = (float) hf.hiddenDropoutProb();
        BlockConfig block = new BlockConfig(
                AttentionConfig.of("multi-head", hf.numAttentionHeads(), hf.numAttentionHeads(), 0, true, true,
                        (float) hf.attentionProbsDropoutProb()),
                new NormConfig("layer-norm", (float) hf.layerNormEps()),
                new FeedForwardConfig(activation, hf.intermediateSize(), true),
                NormPlacement.POST,
                dropout);
        return new ModelConfig(name, "encoder", hf.vocabSize(), hf.hiddenSize(), hf.numHiddenLayers(), hf.typeVocabSize(),
                PositionalConfig.learned(hf.maxPositionEmbeddings()), block, true, false, stored.test(POOLER_TENSOR), dropout,
                maskedLm ? HeadConfig.maskedLanguageModel() : HeadConfig.none(), InitConfig.BERT);
    }

    @Override
    public BertHfConfig fromModelConfig(ModelConfig config) {
        BlockConfig block = config.block();
        List<String> problems = new ArrayList<>();
        HfRepresentability.expect(problems, "stack", config.stack(), "encoder");
        HfRepresentability.expect(problems, "positions.type", config.positions().type(), "learned");
        HfRepresentability.expectMultiHeadAttention(problems, config);
        HfRepresentability.expect(problems, "block.norm.type", block.norm().type(), "layer-norm");
        HfRepresentability.expect(problems, "block.placement", block.placement(), NormPlacement.POST);
        HfRepresentability.expectOneOf(problems, "block.feed_forward.type", block.feedForward().type(), FEED_FORWARDS.keySet());
        HfRepresentability.expect(problems, "block.feed_forward.bias", block.feedForward().bias(), true);
        HfRepresentability.expect(problems, "embedding_norm", config.embeddingNorm(), true);
        HfRepresentability.expect(problems, "final_norm", config.finalNorm(), false);
        if (config.typeVocabSize() < 1) {
            problems.add("type_vocab_size is " + config.typeVocabSize() + " (needs at least 1)");
        }
        // BERT has one hidden_dropout_prob for the embeddings and the residual branches.
        if (config.embeddingDropout() != block.residualDropout()) {
            problems.add("embedding_dropout is " + config.embeddingDropout() + " (needs " + block.residualDropout()
                    + ", the same as block.residual_dropout: BERT has one hidden_dropout_prob)");
        }
        HfRepresentability.expectOneOf(problems, "head.type", config.head().type(), List.of("mlm", NoHead.TYPE));
        if (config.head().type().equals("mlm")) {
            HfRepresentability.expect(problems, "head.tied", config.head().tied(), true);
        }
        HfRepresentability.check(problems, "BERT", config.name());
        return new BertHfConfig(config.vocabSize(), config.width(), config.layers(), block.attention().heads(),
                block.feedForward().hidden(), FEED_FORWARDS.get(block.feedForward().type()),
                config.contextLength(), config.typeVocabSize(), HfRepresentability.decimal(block.norm().eps()),
                HfRepresentability.decimal(block.residualDropout()), HfRepresentability.decimal(block.attention().dropout()), BertHfConfig.DEFAULT_PAD_TOKEN_ID,
                maskedLm(config) ? BertHfConfig.DEFAULT_ARCHITECTURES : List.of(BERT_MODEL));
    }

    @Override
    public String optionalPrefix() {
        return "bert.";
    }

    @Override
    public boolean mayPrefix(String canonical) {
        return !canonical.startsWith("cls.");
    }

    /** {@code bert.} before the encoder's tensors of a masked-LM model; a BertModel's names have no prefix. */
    @Override
    public String storedName(ModelConfig config, String canonical) {
        return maskedLm(config) && mayPrefix(canonical) ? optionalPrefix() + canonical : canonical;
    }

    @Override
    public List<TensorRule> rules(ModelConfig config) {
        List<TensorRule> rules = new ArrayList<>();
        rules.add(new TensorRule.Renamed("embeddings.tokens.weight", "embeddings.word_embeddings.weight"));
        rules.add(new TensorRule.Renamed("embeddings.positions.weight", "embeddings.position_embeddings.weight"));
        rules.add(new TensorRule.Renamed("embeddings.token_types.weight", "embeddings.token_type_embeddings.weight"));
        addPair(rules, "embeddings.norm", "embeddings.LayerNorm");
        for (int i = 0; i < config.layers(); i++) {
            String block = "blocks." + i + ".";
            String layer = "encoder.layer." + i + ".";
            for (String kind : List.of("weight", "bias")) {
                rules.add(new TensorRule.Stacked(block + "attention.qkv." + kind, List.of(
                        layer + "attention.self.query." + kind,
                        layer + "attention.self.key." + kind,
                        layer + "attention.self.value." + kind)));
            }
            addPair(rules, block + "attention.output", layer + "attention.output.dense");
            addPair(rules, block + "attention_norm", layer + "attention.output.LayerNorm");
            addPair(rules, block + "feed_forward.up", layer + "intermediate.dense");
            addPair(rules, block + "feed_forward.down", layer + "output.dense");
            addPair(rules, block + "feed_forward_norm", layer + "output.LayerNorm");
        }
        if (config.pooler()) {
            addPair(rules, "pooler.dense", "pooler.dense");
        }
        if (maskedLm(config)) {
            addPair(rules, "head.transform", "cls.predictions.transform.dense");
            addPair(rules, "head.norm", "cls.predictions.transform.LayerNorm");
            rules.add(new TensorRule.Renamed("head.bias", "cls.predictions.bias"));
        }
        return rules;
    }

    @Override
    public Predicate<String> ignorable(ModelConfig config) {
        return maskedLm(config) ? UNUSED::contains : UNUSED_WITHOUT_HEAD::contains;
    }

    private static boolean maskedLm(ModelConfig config) {
        return config.head().type().equals("mlm");
    }

    private static Map<String, String> feedForwards() {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        map.put("gelu-erf", "gelu");
        map.put("gelu-tanh", "gelu_new");
        return java.util.Collections.unmodifiableMap(map);
    }

    private static void addPair(List<TensorRule> rules, String lmlab, String hf) {
        rules.add(new TensorRule.Renamed(lmlab + ".weight", hf + ".weight"));
        rules.add(new TensorRule.Renamed(lmlab + ".bias", hf + ".bias"));
    }
}
