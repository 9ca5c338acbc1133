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

/**
 * Hugging Face BERT ({@code BertForMaskedLM}, also read from {@code BertForPreTraining}):
 * {@code bert.embeddings}, {@code bert.encoder.layer.N} with separate query, key and value
 * {@code nn.Linear} [out, in], an optional {@code bert.pooler}, and the MLM head
 * {@code cls.predictions} whose decoder is tied to the word embeddings.
 */
public final class BertArchitecture implements HfArchitecture<BertHfConfig> {

    private static final Map<String, String> ACTIVATIONS = Map.of("gelu", "gelu-erf", "gelu_new", "gelu-tanh");

    /** Buffers and heads lmlab does not use: position ids, the tied decoder copy, next-sentence prediction. */
    private static final Set<String> UNUSED = Set.of(
            "embeddings.position_ids",
            "cls.predictions.decoder.weight",
            "cls.predictions.decoder.bias",
            "cls.seq_relationship.weight",
            "cls.seq_relationship.bias");

    @Override
    public Class<BertHfConfig> configType() {
        return BertHfConfig.class;
    }

    @Override
    public ModelConfig toModelConfig(BertHfConfig hf, String name, boolean hasPooler) {
        String activation = ACTIVATIONS.get(hf.hiddenAct());
        if (activation == null) {
            throw new IllegalArgumentException("hidden_act: '" + hf.hiddenAct() + "' is not supported; known: "
                    + String.join(", ", new java.util.TreeSet<>(ACTIVATIONS.keySet())));
        }
        float dropout = (float) hf.hiddenDropoutProb();
        BlockConfig block = new BlockConfig(
                AttentionConfig.of("multi-head", hf.numAttentionHeads(), hf.numAttentionHeads(), 0, true, true,
                        (float) hf.attentionProbsDropoutProb()),
                new NormConfig("layer-norm", (float) hf.layerNormEps()),
                new FeedForwardConfig(activation, hf.intermediateSize(), true),
                NormPlacement.POST,
                dropout);
        return new ModelConfig(name, "encoder", hf.vocabSize(), hf.hiddenSize(), hf.numHiddenLayers(), hf.typeVocabSize(),
                PositionalConfig.learned(hf.maxPositionEmbeddings()), block, true, false, hasPooler, dropout,
                HeadConfig.maskedLanguageModel(), InitConfig.BERT);
    }

    @Override
    public BertHfConfig fromModelConfig(ModelConfig config) {
        BlockConfig block = config.block();
        List<String> problems = new ArrayList<>();
        HfRepresentability.expect(problems, "stack", config.stack(), "encoder");
        HfRepresentability.expect(problems, "positions.type", config.positions().type(), "learned");
        HfRepresentability.expect(problems, "norm.type", block.norm().type(), "layer-norm");
        HfRepresentability.expect(problems, "norm_placement", block.placement().name(), "POST");
        HfRepresentability.expect(problems, "head.type", config.head().type(), "mlm");
        HfRepresentability.expectTrue(problems, "a tied MLM decoder", config.head().tied());
        HfRepresentability.expectMultiHeadWithBiases(problems, block.attention());
        HfRepresentability.expectTrue(problems, "feed_forward.type is gelu-erf or gelu-tanh",
                block.feedForward().type().startsWith("gelu-"));
        HfRepresentability.expectTrue(problems, "feed_forward.bias", block.feedForward().bias());
        HfRepresentability.expectTrue(problems, "embedding_norm", config.embeddingNorm());
        HfRepresentability.expectTrue(problems, "no final_norm", !config.finalNorm());
        HfRepresentability.expectTrue(problems, "token types", config.typeVocabSize() > 0);
        HfRepresentability.check(problems, "BERT", config.name());
        return new BertHfConfig(config.vocabSize(), config.width(), config.layers(), block.attention().heads(),
                block.feedForward().hidden(), block.feedForward().type().equals("gelu-tanh") ? "gelu_new" : "gelu",
                config.contextLength(), config.typeVocabSize(), HfRepresentability.decimal(block.norm().eps()),
                HfRepresentability.decimal(block.residualDropout()), HfRepresentability.decimal(block.attention().dropout()), BertHfConfig.DEFAULT_PAD_TOKEN_ID, BertHfConfig.DEFAULT_ARCHITECTURES);
    }

    @Override
    public String optionalPrefix() {
        return "bert.";
    }

    @Override
    public String storedName(String canonical) {
        return canonical.startsWith("cls.") ? canonical : optionalPrefix() + canonical;
    }

    @Override
    public String poolerTensor() {
        return "pooler.dense.weight";
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
        addPair(rules, "head.transform", "cls.predictions.transform.dense");
        addPair(rules, "head.norm", "cls.predictions.transform.LayerNorm");
        rules.add(new TensorRule.Renamed("head.bias", "cls.predictions.bias"));
        return rules;
    }

    @Override
    public Predicate<String> ignorable(ModelConfig config) {
        return UNUSED::contains;
    }

    private static void addPair(List<TensorRule> rules, String lmlab, String hf) {
        rules.add(new TensorRule.Renamed(lmlab + ".weight", hf + ".weight"));
        rules.add(new TensorRule.Renamed(lmlab + ".bias", hf + ".bias"));
    }
}
