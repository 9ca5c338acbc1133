package org.lmlab.models.hf;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The Hugging Face {@code GPT2Config} as stored in {@code config.json} (model_type {@code gpt2}),
 * with its key names and its defaults for the optional keys. Keys Hugging Face writes that lmlab
 * does not use ({@code bos_token_id}, {@code n_ctx}, {@code task_specific_params}, ...) are
 * ignored when reading. A null or absent {@code n_inner} means {@code 4 * n_embd}.
 *
 * @param vocabSize          {@code vocab_size}
 * @param nPositions         {@code n_positions}: the longest sequence, i.e. rows of {@code wpe}
 * @param nEmbd              {@code n_embd}: model width
 * @param nLayer             {@code n_layer}: transformer blocks
 * @param nHead              {@code n_head}: attention heads, dividing {@code n_embd}
 * @param nInner             {@code n_inner}: feed-forward width
 * @param layerNormEpsilon   {@code layer_norm_epsilon}
 * @param activationFunction {@code activation_function}, e.g. {@code gelu_new}
 * @param residPdrop         {@code resid_pdrop}
 * @param embdPdrop          {@code embd_pdrop}
 * @param attnPdrop          {@code attn_pdrop}
 * @param architectures      {@code architectures}
 * @param tieWordEmbeddings  {@code tie_word_embeddings}: the output head reuses {@code wte}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Gpt2HfConfig(
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("n_positions") int nPositions,
        @JsonProperty("n_embd") int nEmbd,
        @JsonProperty("n_layer") int nLayer,
        @JsonProperty("n_head") int nHead,
        @JsonProperty("n_inner") int nInner,
        @JsonProperty("layer_norm_epsilon") double layerNormEpsilon,
        @JsonProperty("activation_function") String activationFunction,
        @JsonProperty("resid_pdrop") double residPdrop,
        @JsonProperty("embd_pdrop") double embdPdrop,
        @JsonProperty("attn_pdrop") double attnPdrop,
        @JsonProperty("architectures") List<String> architectures,
        @JsonProperty("tie_word_embeddings") boolean tieWordEmbeddings) implements HfConfig {

    /** The {@code model_type} of this config. */
    public static final String MODEL_TYPE = "gpt2";

    /** Hugging Face's default {@code layer_norm_epsilon}. */
    public static final double DEFAULT_LAYER_NORM_EPSILON = 1e-5;

    /** Hugging Face's default {@code activation_function}: GELU, tanh approximation. */
    public static final String DEFAULT_ACTIVATION = "gelu_new";

    /** Hugging Face's default for the three dropout probabilities. */
    public static final double DEFAULT_DROPOUT = 0.1;

    /** Hugging Face's default {@code architectures}. */
    public static final List<String> DEFAULT_ARCHITECTURES = List.of("GPT2LMHeadModel");

    /** Validates every field; messages use the Hugging Face key names. */
    public Gpt2HfConfig {
        ConfigChecks.positive(vocabSize, "vocab_size");
        ConfigChecks.positive(nPositions, "n_positions");
        ConfigChecks.positive(nEmbd, "n_embd");
        ConfigChecks.positive(nLayer, "n_layer");
        ConfigChecks.positive(nHead, "n_head");
        ConfigChecks.divides(nHead, "n_head", nEmbd, "n_embd");
        ConfigChecks.positive(nInner, "n_inner");
        ConfigChecks.positiveFinite(layerNormEpsilon, "layer_norm_epsilon");
        ConfigChecks.nonBlank(activationFunction, "activation_function");
        ConfigChecks.probability(residPdrop, "resid_pdrop");
        ConfigChecks.probability(embdPdrop, "embd_pdrop");
        ConfigChecks.probability(attnPdrop, "attn_pdrop");
        architectures = ConfigChecks.names(architectures, "architectures");
    }

    /**
     * The config as read from JSON: the five sizes are required, everything else falls back to
     * Hugging Face's default.
     */
    @JsonCreator
    static Gpt2HfConfig fromJson(
            @JsonProperty("vocab_size") Integer vocabSize,
            @JsonProperty("n_positions") Integer nPositions,
            @JsonProperty("n_embd") Integer nEmbd,
            @JsonProperty("n_layer") Integer nLayer,
            @JsonProperty("n_head") Integer nHead,
            @JsonProperty("n_inner") Integer nInner,
            @JsonProperty("layer_norm_epsilon") Double layerNormEpsilon,
            @JsonProperty("activation_function") String activationFunction,
            @JsonProperty("resid_pdrop") Double residPdrop,
            @JsonProperty("embd_pdrop") Double embdPdrop,
            @JsonProperty("attn_pdrop") Double attnPdrop,
            @JsonProperty("architectures") List<String> architectures,
            @JsonProperty("tie_word_embeddings") Boolean tieWordEmbeddings,
            @JsonProperty("scale_attn_by_inverse_layer_idx") Boolean scaleByLayer,
            @JsonProperty("reorder_and_upcast_attn") Boolean reorderAndUpcast,
            @JsonProperty("scale_attn_weights") Boolean scaleAttentionWeights) {
        ConfigChecks.onlyDefault(scaleByLayer, Boolean.FALSE, "scale_attn_by_inverse_layer_idx");
        ConfigChecks.onlyDefault(reorderAndUpcast, Boolean.FALSE, "reorder_and_upcast_attn");
        ConfigChecks.onlyDefault(scaleAttentionWeights, Boolean.TRUE, "scale_attn_weights");
        int width = ConfigChecks.present(nEmbd, "n_embd");
        return new Gpt2HfConfig(
                ConfigChecks.present(vocabSize, "vocab_size"),
                ConfigChecks.present(nPositions, "n_positions"),
                width,
                ConfigChecks.present(nLayer, "n_layer"),
                ConfigChecks.present(nHead, "n_head"),
                nInner == null ? 4 * width : nInner,
                ConfigChecks.orDefault(layerNormEpsilon, DEFAULT_LAYER_NORM_EPSILON),
                ConfigChecks.orDefault(activationFunction, DEFAULT_ACTIVATION),
                ConfigChecks.orDefault(residPdrop, DEFAULT_DROPOUT),
                ConfigChecks.orDefault(embdPdrop, DEFAULT_DROPOUT),
                ConfigChecks.orDefault(attnPdrop, DEFAULT_DROPOUT),
                ConfigChecks.orDefault(architectures, DEFAULT_ARCHITECTURES),
                ConfigChecks.orDefault(tieWordEmbeddings, Boolean.TRUE));
    }

    /** A config with these sizes and Hugging Face's defaults for everything else ({@code n_inner = 4 * n_embd}). */
    public static Gpt2HfConfig of(int vocabSize, int nPositions, int nEmbd, int nLayer, int nHead) {
        return fromJson(vocabSize, nPositions, nEmbd, nLayer, nHead, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /** This config with another {@code n_inner}. */
    public Gpt2HfConfig withNInner(int newInner) {
        return new Gpt2HfConfig(vocabSize, nPositions, nEmbd, nLayer, nHead, newInner, layerNormEpsilon,
                activationFunction, residPdrop, embdPdrop, attnPdrop, architectures, tieWordEmbeddings);
    }

    /** This config with another {@code tie_word_embeddings}. */
    public Gpt2HfConfig withTieWordEmbeddings(boolean tie) {
        return new Gpt2HfConfig(vocabSize, nPositions, nEmbd, nLayer, nHead, nInner, layerNormEpsilon,
                activationFunction, residPdrop, embdPdrop, attnPdrop, architectures, tie);
    }

    /** This config with another {@code layer_norm_epsilon}. */
    public Gpt2HfConfig withLayerNormEpsilon(double epsilon) {
        return new Gpt2HfConfig(vocabSize, nPositions, nEmbd, nLayer, nHead, nInner, epsilon,
                activationFunction, residPdrop, embdPdrop, attnPdrop, architectures, tieWordEmbeddings);
    }

    /** {@code n_embd / n_head}. */
    public int headDim() {
        return nEmbd / nHead;
    }

    @Override
    @JsonProperty("model_type")
    public String modelType() {
        return MODEL_TYPE;
    }
}
