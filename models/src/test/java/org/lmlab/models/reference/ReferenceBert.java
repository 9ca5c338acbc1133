package org.lmlab.models.reference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Pattern;
import org.lmlab.models.hf.BertHfConfig;
import org.lmlab.models.hf.HfConfigs;

/**
 * Hugging Face {@code BertForMaskedLM}'s forward pass in plain float64 Java, written from the
 * architecture and nothing else, so the DJL BERT can be checked against it. Word + position +
 * token-type embeddings, LayerNorm; per layer (post-norm) bidirectional self-attention with
 * {@code nn.Linear} query/key/value (weight [out, in]) and an optional padding mask,
 * {@code attention.output.dense}, LayerNorm of the residual sum, {@code intermediate.dense},
 * the configured activation ({@code gelu}: erf form), {@code output.dense}, LayerNorm of the
 * residual sum; then the MLM head: {@code cls.predictions.transform} (dense, activation,
 * LayerNorm) and a decoder tied to the word embeddings plus {@code cls.predictions.bias}.
 * Explicit {@code cls.predictions.decoder.weight}/{@code .bias} copies must equal what they are
 * tied to (Hugging Face ties them). LayerNorm parameters may use the old {@code gamma}/{@code beta}
 * names. The pooler ({@code bert.pooler.dense} + tanh on token 0) is optional. A head-less
 * {@code BertModel} checkpoint (no {@code cls.predictions} tensors; Hugging Face then writes the
 * encoder's names without the {@code bert.} prefix) loads too: it has hidden states and no logits.
 */
public final class ReferenceBert {

    private static final String ENCODER = "bert.";
    private static final String TRANSFORM = "cls.predictions.transform.dense.weight";
    private static final String DECODER_WEIGHT = "cls.predictions.decoder.weight";
    private static final String DECODER_BIAS = "cls.predictions.decoder.bias";
    private static final String OUTPUT_BIAS = "cls.predictions.bias";
    private static final Pattern IGNORABLE = Pattern.compile("(bert\\.)?embeddings\\.position_ids|cls\\.seq_relationship\\..*");

    private record Norm(double[] gamma, double[] beta) {
    }

    private record Layer(double[][] queryWeight, double[] queryBias, double[][] keyWeight, double[] keyBias,
            double[][] valueWeight, double[] valueBias, double[][] attnOutWeight, double[] attnOutBias, Norm attnNorm,
            double[][] intermediateWeight, double[] intermediateBias, double[][] outputWeight, double[] outputBias,
            Norm outputNorm) {
    }

    private final BertHfConfig config;
    private final DoubleUnaryOperator activation;
    private final double[][] wordEmbedding;
    private final double[][] positionEmbedding;
    private final double[][] tokenTypeEmbedding;
    private final Norm embeddingNorm;
    private final List<Layer> layers;
    private final double[][] transformWeight;
    private final double[] transformBias;
    private final Norm transformNorm;
    private final double[] outputBias;
    private final double[][] poolerWeight;
    private final double[] poolerBias;

    private ReferenceBert(BertHfConfig config, double[][][] embeddings, Norm embeddingNorm, List<Layer> layers,
            double[][] transformWeight, double[] transformBias, Norm transformNorm, double[] outputBias,
            double[][] poolerWeight, double[] poolerBias) {
        this.config = config;
        this.activation = ReferenceMath.activation(config.hiddenAct());
        this.wordEmbedding = embeddings[0];
        this.positionEmbedding = embeddings[1];
        this.tokenTypeEmbedding = embeddings[2];
        this.embeddingNorm = embeddingNorm;
        this.layers = layers;
        this.transformWeight = transformWeight;
        this.transformBias = transformBias;
        this.transformNorm = transformNorm;
        this.outputBias = outputBias;
        this.poolerWeight = poolerWeight;
        this.poolerBias = poolerBias;
    }

    /** Loads {@code config.json} and {@code model.safetensors} from a Hugging Face checkpoint directory. */
    public static ReferenceBert load(Path checkpointDirectory) throws IOException {
        BertHfConfig config = HfConfigs.read(checkpointDirectory.resolve("config.json"), BertHfConfig.class);
        int width = config.hiddenSize();
        int inner = config.intermediateSize();
        try (CheckpointWeights weights = CheckpointWeights.open(checkpointDirectory.resolve("model.safetensors"))) {
            String encoder = weights.has(ENCODER + "embeddings.word_embeddings.weight") ? ENCODER : "";
            String e = encoder + "embeddings.";
            double[][][] embeddings = {
                    weights.matrix(e + "word_embeddings.weight", config.vocabSize(), width),
                    weights.matrix(e + "position_embeddings.weight", config.maxPositionEmbeddings(), width),
                    weights.matrix(e + "token_type_embeddings.weight", config.typeVocabSize(), width)};
            Norm embeddingNorm = norm(weights, e + "LayerNorm", width);
            List<Layer> layers = new ArrayList<>();
            for (int index = 0; index < config.numHiddenLayers(); index++) {
                String p = encoder + "encoder.layer." + index + ".";
                layers.add(new Layer(
                        weights.matrix(p + "attention.self.query.weight", width, width),
                        weights.vector(p + "attention.self.query.bias", width),
                        weights.matrix(p + "attention.self.key.weight", width, width),
                        weights.vector(p + "attention.self.key.bias", width),
                        weights.matrix(p + "attention.self.value.weight", width, width),
                        weights.vector(p + "attention.self.value.bias", width),
                        weights.matrix(p + "attention.output.dense.weight", width, width),
                        weights.vector(p + "attention.output.dense.bias", width),
                        norm(weights, p + "attention.output.LayerNorm", width),
                        weights.matrix(p + "intermediate.dense.weight", inner, width),
                        weights.vector(p + "intermediate.dense.bias", inner),
                        weights.matrix(p + "output.dense.weight", width, inner),
                        weights.vector(p + "output.dense.bias", width),
                        norm(weights, p + "output.LayerNorm", width)));
            }
            boolean head = weights.has(TRANSFORM);
            double[][] transformWeight = head ? weights.matrix(TRANSFORM, width, width) : null;
            double[] transformBias = head ? weights.vector("cls.predictions.transform.dense.bias", width) : null;
            Norm transformNorm = head ? norm(weights, "cls.predictions.transform.LayerNorm", width) : null;
            double[] outputBias = head ? outputBias(weights, config.vocabSize()) : null;
            if (head) {
                requireTiedCopy(weights, DECODER_WEIGHT, embeddings[0], config.vocabSize(), width);
            }
            boolean pooler = weights.has(encoder + "pooler.dense.weight");
            double[][] poolerWeight = pooler ? weights.matrix(encoder + "pooler.dense.weight", width, width) : null;
            double[] poolerBias = pooler ? weights.vector(encoder + "pooler.dense.bias", width) : null;
            weights.requireAllUsed(name -> IGNORABLE.matcher(name).matches());
            return new ReferenceBert(config, embeddings, embeddingNorm, List.copyOf(layers), transformWeight, transformBias,
                    transformNorm, outputBias, poolerWeight, poolerBias);
        }
    }

    private static Norm norm(CheckpointWeights weights, String path, int width) throws IOException {
        boolean legacy = !weights.has(path + ".weight") && weights.has(path + ".gamma");
        return legacy
                ? new Norm(weights.vector(path + ".gamma", width), weights.vector(path + ".beta", width))
                : new Norm(weights.vector(path + ".weight", width), weights.vector(path + ".bias", width));
    }

    private static double[] outputBias(CheckpointWeights weights, int vocab) throws IOException {
        if (!weights.has(OUTPUT_BIAS)) {
            return weights.vector(DECODER_BIAS, vocab);
        }
        double[] bias = weights.vector(OUTPUT_BIAS, vocab);
        if (weights.has(DECODER_BIAS) && !Arrays.equals(weights.vector(DECODER_BIAS, vocab), bias)) {
            throw new IllegalArgumentException(DECODER_BIAS + " differs from " + OUTPUT_BIAS + "; Hugging Face ties them");
        }
        return bias;
    }

    private static void requireTiedCopy(CheckpointWeights weights, String name, double[][] tiedTo, int rows, int columns)
            throws IOException {
        if (weights.has(name) && !Arrays.deepEquals(weights.matrix(name, rows, columns), tiedTo)) {
            throw new IllegalArgumentException(name + " differs from the word embeddings; Hugging Face ties them");
        }
    }

    /** The config the model was loaded with. */
    public BertHfConfig config() {
        return config;
    }

    /** Whether the checkpoint has pooler weights. */
    public boolean hasPooler() {
        return poolerWeight != null;
    }

    /** Whether the checkpoint has the masked-LM head ({@code cls.predictions}). */
    public boolean hasMlmHead() {
        return transformWeight != null;
    }

    /** MLM logits with token types 0 and every position attended: [T][vocab_size]. */
    public double[][] logits(int[] ids) {
        return logits(ids, null, null);
    }

    /**
     * MLM logits: [T][vocab_size].
     *
     * @param tokenTypes    segment ids per position, or null for all 0
     * @param attentionMask which positions may be attended to (false = padding), or null for all
     */
    public double[][] logits(int[] ids, int[] tokenTypes, boolean[] attentionMask) {
        if (!hasMlmHead()) {
            throw new IllegalStateException("the checkpoint has no cls.predictions head (a BertModel): use hiddenStates");
        }
        double[][] hidden = hiddenStates(ids, tokenTypes, attentionMask);
        double[][] logits = new double[hidden.length][];
        for (int t = 0; t < hidden.length; t++) {
            double[] transformed = ReferenceMath.map(ReferenceMath.linear(hidden[t], transformWeight, transformBias), activation);
            double[] normed = ReferenceMath.layerNorm(transformed, transformNorm.gamma(), transformNorm.beta(), config.layerNormEps());
            logits[t] = ReferenceMath.linear(normed, wordEmbedding, outputBias);
        }
        return logits;
    }

    /** The encoder's last hidden states: [T][hidden_size]. Arguments as for {@link #logits(int[], int[], boolean[])}. */
    public double[][] hiddenStates(int[] ids, int[] tokenTypes, boolean[] attentionMask) {
        int[] types = tokenTypes == null ? new int[ids.length] : tokenTypes;
        boolean[] mask = attentionMask;
        if (mask == null) {
            mask = new boolean[ids.length];
            Arrays.fill(mask, true);
        }
        validate(ids, types, mask);
        double[][] hidden = new double[ids.length][];
        for (int t = 0; t < ids.length; t++) {
            double[] sum = ReferenceMath.add(ReferenceMath.add(wordEmbedding[ids[t]], positionEmbedding[t]),
                    tokenTypeEmbedding[types[t]]);
            hidden[t] = ReferenceMath.layerNorm(sum, embeddingNorm.gamma(), embeddingNorm.beta(), config.layerNormEps());
        }
        for (Layer layer : layers) {
            hidden = applyLayer(layer, hidden, mask);
        }
        return hidden;
    }

    /** The pooler output {@code tanh(W h[0] + b)}. */
    public double[] pooled(int[] ids, int[] tokenTypes, boolean[] attentionMask) {
        if (!hasPooler()) {
            throw new IllegalStateException("the checkpoint has no pooler.dense weights");
        }
        double[] first = hiddenStates(ids, tokenTypes, attentionMask)[0];
        return ReferenceMath.map(ReferenceMath.linear(first, poolerWeight, poolerBias), Math::tanh);
    }

    /**
     * Pseudo-log-likelihood loss: for each position whose id is not special, replace it by
     * {@code maskId}, run the model (token types 0, every position attended) and take
     * {@code -log p(original id)} there; the mean over those positions, in nats.
     */
    public double pseudoLogLikelihoodLoss(int[] ids, int maskId, Set<Integer> specialIds) {
        double[] scored = maskedLogProbabilities(ids, maskId, specialIds);
        double total = 0;
        for (double logProbability : scored) {
            total -= logProbability;
        }
        return total / scored.length;
    }

    /**
     * For each position whose id is not special, in order: {@code log p(original id)} there with
     * that position replaced by {@code maskId} (token types 0, every position attended).
     */
    public double[] maskedLogProbabilities(int[] ids, int maskId, Set<Integer> specialIds) {
        List<Double> scored = new ArrayList<>();
        for (int t = 0; t < ids.length; t++) {
            if (specialIds.contains(ids[t])) {
                continue;
            }
            int[] masked = ids.clone();
            masked[t] = maskId;
            scored.add(ReferenceMath.logSoftmaxAt(logits(masked)[t], ids[t]));
        }
        if (scored.isEmpty()) {
            throw new IllegalArgumentException("no position to score: every id is special " + Arrays.toString(ids));
        }
        return scored.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private double[][] applyLayer(Layer layer, double[][] hidden, boolean[] mask) {
        int steps = hidden.length;
        double eps = config.layerNormEps();
        double[][] queries = new double[steps][];
        double[][] keys = new double[steps][];
        double[][] values = new double[steps][];
        for (int t = 0; t < steps; t++) {
            queries[t] = ReferenceMath.linear(hidden[t], layer.queryWeight(), layer.queryBias());
            keys[t] = ReferenceMath.linear(hidden[t], layer.keyWeight(), layer.keyBias());
            values[t] = ReferenceMath.linear(hidden[t], layer.valueWeight(), layer.valueBias());
        }
        double[][] out = new double[steps][];
        for (int t = 0; t < steps; t++) {
            double[] context = attention(queries[t], keys, values, mask);
            double[] attended = ReferenceMath.layerNorm(
                    ReferenceMath.add(hidden[t], ReferenceMath.linear(context, layer.attnOutWeight(), layer.attnOutBias())),
                    layer.attnNorm().gamma(), layer.attnNorm().beta(), eps);
            double[] inner = ReferenceMath.map(
                    ReferenceMath.linear(attended, layer.intermediateWeight(), layer.intermediateBias()), activation);
            out[t] = ReferenceMath.layerNorm(
                    ReferenceMath.add(attended, ReferenceMath.linear(inner, layer.outputWeight(), layer.outputBias())),
                    layer.outputNorm().gamma(), layer.outputNorm().beta(), eps);
        }
        return out;
    }

    /** One query against all keys not masked out, per head, scaled by {@code 1/sqrt(head_dim)}. */
    private double[] attention(double[] query, double[][] keys, double[][] values, boolean[] mask) {
        int headDim = config.headDim();
        double scale = 1 / Math.sqrt(headDim);
        double[] context = new double[query.length];
        for (int h = 0; h < config.numAttentionHeads(); h++) {
            int offset = h * headDim;
            double[] scores = new double[keys.length];
            for (int j = 0; j < keys.length; j++) {
                double score = 0;
                for (int d = 0; d < headDim; d++) {
                    score += query[offset + d] * keys[j][offset + d];
                }
                scores[j] = mask[j] ? score * scale : Double.NEGATIVE_INFINITY;
            }
            double[] weights = ReferenceMath.softmax(scores);
            for (int j = 0; j < keys.length; j++) {
                if (mask[j]) {
                    for (int d = 0; d < headDim; d++) {
                        context[offset + d] += weights[j] * values[j][offset + d];
                    }
                }
            }
        }
        return context;
    }

    private void validate(int[] ids, int[] types, boolean[] mask) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("token ids must not be empty");
        }
        if (ids.length > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException(ids.length + " tokens exceed max_position_embeddings " + config.maxPositionEmbeddings());
        }
        if (types.length != ids.length || mask.length != ids.length) {
            throw new IllegalArgumentException("token types (" + types.length + ") and attention mask (" + mask.length
                    + ") must have one entry per token (" + ids.length + ")");
        }
        boolean anyAttended = false;
        for (int t = 0; t < ids.length; t++) {
            if (ids[t] < 0 || ids[t] >= config.vocabSize()) {
                throw new IllegalArgumentException("token id " + ids[t] + " at position " + t + " is outside [0, "
                        + config.vocabSize() + ")");
            }
            if (types[t] < 0 || types[t] >= config.typeVocabSize()) {
                throw new IllegalArgumentException("token type " + types[t] + " at position " + t + " is outside [0, "
                        + config.typeVocabSize() + ")");
            }
            anyAttended |= mask[t];
        }
        if (!anyAttended) {
            throw new IllegalArgumentException("the attention mask hides every position");
        }
    }
}
