package org.lmlab.models.hf;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The Hugging Face {@code BertConfig} as stored in {@code config.json} (model_type {@code bert}),
 * with its key names and its defaults for the optional keys. Keys Hugging Face writes that lmlab
 * does not use ({@code gradient_checkpointing}, {@code transformers_version}, ...) are ignored
 * when reading.
 *
 * @param vocabSize                 {@code vocab_size}
 * @param hiddenSize                {@code hidden_size}: model width
 * @param numHiddenLayers           {@code num_hidden_layers}
 * @param numAttentionHeads         {@code num_attention_heads}, dividing {@code hidden_size}
 * @param intermediateSize          {@code intermediate_size}: feed-forward width
 * @param hiddenAct                 {@code hidden_act}, e.g. {@code gelu} (the erf form)
 * @param maxPositionEmbeddings     {@code max_position_embeddings}
 * @param typeVocabSize             {@code type_vocab_size}: segment (token type) ids
 * @param layerNormEps              {@code layer_norm_eps}
 * @param hiddenDropoutProb         {@code hidden_dropout_prob}
 * @param attentionProbsDropoutProb {@code attention_probs_dropout_prob}
 * @param padTokenId                {@code pad_token_id}
 * @param architectures             {@code architectures}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BertHfConfig(
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("hidden_size") int hiddenSize,
        @JsonProperty("num_hidden_layers") int numHiddenLayers,
        @JsonProperty("num_attention_heads") int numAttentionHeads,
        @JsonProperty("intermediate_size") int intermediateSize,
        @JsonProperty("hidden_act") String hiddenAct,
        @JsonProperty("max_position_embeddings") int maxPositionEmbeddings,
        @JsonProperty("type_vocab_size") int typeVocabSize,
        @JsonProperty("layer_norm_eps") double layerNormEps,
        @JsonProperty("hidden_dropout_prob") double hiddenDropoutProb,
        @JsonProperty("attention_probs_dropout_prob") double attentionProbsDropoutProb,
        @JsonProperty("pad_token_id") int padTokenId,
        @JsonProperty("architectures") List<String> architectures) implements HfConfig {

    /** The {@code model_type} of this config. */
    public static final String MODEL_TYPE = "bert";

    /** Hugging Face's default {@code hidden_act}: GELU, erf form. */
    public static final String DEFAULT_ACTIVATION = "gelu";

    /** Hugging Face's default {@code type_vocab_size}. */
    public static final int DEFAULT_TYPE_VOCAB_SIZE = 2;

    /** Hugging Face's default {@code layer_norm_eps}. */
    public static final double DEFAULT_LAYER_NORM_EPS = 1e-12;

    /** Hugging Face's default for both dropout probabilities. */
    public static final double DEFAULT_DROPOUT = 0.1;

    /** Hugging Face's default {@code pad_token_id}. */
    public static final int DEFAULT_PAD_TOKEN_ID = 0;

    /** lmlab's default {@code architectures}: the masked-LM model. */
    public static final List<String> DEFAULT_ARCHITECTURES = List.of("BertForMaskedLM");

    /** Validates every field; messages use the Hugging Face key names. */
    public BertHfConfig {
        ConfigChecks.positive(vocabSize, "vocab_size");
        ConfigChecks.positive(hiddenSize, "hidden_size");
        ConfigChecks.positive(numHiddenLayers, "num_hidden_layers");
        ConfigChecks.positive(numAttentionHeads, "num_attention_heads");
        ConfigChecks.divides(numAttentionHeads, "num_attention_heads", hiddenSize, "hidden_size");
        ConfigChecks.positive(intermediateSize, "intermediate_size");
        ConfigChecks.nonBlank(hiddenAct, "hidden_act");
        ConfigChecks.positive(maxPositionEmbeddings, "max_position_embeddings");
        ConfigChecks.positive(typeVocabSize, "type_vocab_size");
        ConfigChecks.positiveFinite(layerNormEps, "layer_norm_eps");
        ConfigChecks.probability(hiddenDropoutProb, "hidden_dropout_prob");
        ConfigChecks.probability(attentionProbsDropoutProb, "attention_probs_dropout_prob");
        ConfigChecks.nonNegative(padTokenId, "pad_token_id");
        if (padTokenId >= vocabSize) {
            throw new IllegalArgumentException("field pad_token_id (" + padTokenId + ") must be below vocab_size ("
                    + vocabSize + ")");
        }
        architectures = ConfigChecks.names(architectures, "architectures");
    }

    /**
     * The config as read from JSON: the six sizes are required, everything else falls back to
     * Hugging Face's default.
     */
    @JsonCreator
    static BertHfConfig fromJson(
            @JsonProperty("vocab_size") Integer vocabSize,
            @JsonProperty("hidden_size") Integer hiddenSize,
            @JsonProperty("num_hidden_layers") Integer numHiddenLayers,
            @JsonProperty("num_attention_heads") Integer numAttentionHeads,
            @JsonProperty("intermediate_size") Integer intermediateSize,
            @JsonProperty("hidden_act") String hiddenAct,
            @JsonProperty("max_position_embeddings") Integer maxPositionEmbeddings,
            @JsonProperty("type_vocab_size") Integer typeVocabSize,
            @JsonProperty("layer_norm_eps") Double layerNormEps,
            @JsonProperty("hidden_dropout_prob") Double hiddenDropoutProb,
            @JsonProperty("attention_probs_dropout_prob") Double attentionProbsDropoutProb,
            @JsonProperty("pad_token_id") Integer padTokenId,
            @JsonProperty("architectures") List<String> architectures,
            @JsonProperty("position_embedding_type") String positionEmbeddingType) {
        ConfigChecks.onlyDefault(positionEmbeddingType, "absolute", "position_embedding_type");
        return new BertHfConfig(
                ConfigChecks.present(vocabSize, "vocab_size"),
                ConfigChecks.present(hiddenSize, "hidden_size"),
                ConfigChecks.present(numHiddenLayers, "num_hidden_layers"),
                ConfigChecks.present(numAttentionHeads, "num_attention_heads"),
                ConfigChecks.present(intermediateSize, "intermediate_size"),
                ConfigChecks.orDefault(hiddenAct, DEFAULT_ACTIVATION),
                ConfigChecks.present(maxPositionEmbeddings, "max_position_embeddings"),
                ConfigChecks.orDefault(typeVocabSize, DEFAULT_TYPE_VOCAB_SIZE),
                ConfigChecks.orDefault(layerNormEps, DEFAULT_LAYER_NORM_EPS),
                ConfigChecks.orDefault(hiddenDropoutProb, DEFAULT_DROPOUT),
                ConfigChecks.orDefault(attentionProbsDropoutProb, DEFAULT_DROPOUT),
                ConfigChecks.orDefault(padTokenId, DEFAULT_PAD_TOKEN_ID),
                ConfigChecks.orDefault(architectures, DEFAULT_ARCHITECTURES));
    }

    /** A config with these sizes and Hugging Face's defaults for everything else. */
    public static BertHfConfig of(int vocabSize, int hiddenSize, int numHiddenLayers, int numAttentionHeads,
            int intermediateSize, int maxPositionEmbeddings) {
        return fromJson(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize, null,
                maxPositionEmbeddings, null, null, null, null, null, null, null);
    }

    /** This config with another {@code layer_norm_eps}. */
    public BertHfConfig withLayerNormEps(double epsilon) {
        return new BertHfConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize, hiddenAct,
                maxPositionEmbeddings, typeVocabSize, epsilon, hiddenDropoutProb, attentionProbsDropoutProb,
                padTokenId, architectures);
    }

    /** This config with another {@code type_vocab_size}. */
    public BertHfConfig withTypeVocabSize(int types) {
        return new BertHfConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize, hiddenAct,
                maxPositionEmbeddings, types, layerNormEps, hiddenDropoutProb, attentionProbsDropoutProb,
                padTokenId, architectures);
    }

    /** This config with other {@code architectures} (e.g. {@code BertModel} for a head-less checkpoint). */
    public BertHfConfig withArchitectures(List<String> names) {
        return new BertHfConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize, hiddenAct,
                maxPositionEmbeddings, typeVocabSize, layerNormEps, hiddenDropoutProb, attentionProbsDropoutProb,
                padTokenId, names);
    }

    /** {@code hidden_size / num_attention_heads}. */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    @Override
    @JsonProperty("model_type")
    public String modelType() {
        return MODEL_TYPE;
    }
}
