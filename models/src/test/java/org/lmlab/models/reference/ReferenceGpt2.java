package org.lmlab.models.reference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Pattern;
import org.lmlab.models.hf.Gpt2HfConfig;
import org.lmlab.models.hf.HfConfigs;

/**
 * Hugging Face {@code GPT2LMHeadModel}'s forward pass in plain float64 Java, written from the
 * architecture and nothing else, so the DJL GPT can be checked against it. Per block: pre-norm
 * {@code ln_1}, {@code c_attn} (Conv1D, weight [in, out]) split into q, k, v, causal softmax
 * attention per head scaled by {@code 1/sqrt(head_dim)}, {@code c_proj}, residual; {@code ln_2},
 * {@code mlp.c_fc}, the configured activation, {@code mlp.c_proj}, residual; then {@code ln_f}
 * and the head. Like Hugging Face, the head is {@code wte} when {@code tie_word_embeddings}
 * is true (an explicit {@code lm_head.weight} must then equal it) and {@code lm_head.weight}
 * otherwise. Names may carry a {@code transformer.} prefix; the causal-mask buffers
 * {@code attn.bias} / {@code attn.masked_bias} are ignored, any other unknown tensor is refused.
 */
public final class ReferenceGpt2 {

    private static final String PREFIX = "transformer.";
    private static final String LM_HEAD = "lm_head.weight";
    private static final Pattern MASK_BUFFER = Pattern.compile("(transformer\\.)?h\\.\\d+\\.attn\\.(bias|masked_bias)");

    private record Block(double[] ln1Gamma, double[] ln1Beta, double[][] attnWeight, double[] attnBias,
            double[][] attnProjWeight, double[] attnProjBias, double[] ln2Gamma, double[] ln2Beta,
            double[][] fcWeight, double[] fcBias, double[][] mlpProjWeight, double[] mlpProjBias) {
    }

    private final Gpt2HfConfig config;
    private final DoubleUnaryOperator activation;
    private final double[][] tokenEmbedding;
    private final double[][] positionEmbedding;
    private final List<Block> blocks;
    private final double[] finalGamma;
    private final double[] finalBeta;
    private final double[][] head;

    private ReferenceGpt2(Gpt2HfConfig config, double[][] tokenEmbedding, double[][] positionEmbedding, List<Block> blocks,
            double[] finalGamma, double[] finalBeta, double[][] head) {
        this.config = config;
        this.activation = ReferenceMath.activation(config.activationFunction());
        this.tokenEmbedding = tokenEmbedding;
        this.positionEmbedding = positionEmbedding;
        this.blocks = blocks;
        this.finalGamma = finalGamma;
        this.finalBeta = finalBeta;
        this.head = head;
    }

    /** Loads {@code config.json} and {@code model.safetensors} from a Hugging Face checkpoint directory. */
    public static ReferenceGpt2 load(Path checkpointDirectory) throws IOException {
        Gpt2HfConfig config = HfConfigs.read(checkpointDirectory.resolve("config.json"), Gpt2HfConfig.class);
        int width = config.nEmbd();
        int inner = config.nInner();
        try (CheckpointWeights weights = CheckpointWeights.open(checkpointDirectory.resolve("model.safetensors"))) {
            String prefix = weights.has(PREFIX + "wte.weight") ? PREFIX : "";
            double[][] wte = weights.matrix(prefix + "wte.weight", config.vocabSize(), width);
            double[][] wpe = weights.matrix(prefix + "wpe.weight", config.nPositions(), width);
            List<Block> blocks = new ArrayList<>();
            for (int layer = 0; layer < config.nLayer(); layer++) {
                String p = prefix + "h." + layer + ".";
                blocks.add(new Block(
                        weights.vector(p + "ln_1.weight", width), weights.vector(p + "ln_1.bias", width),
                        weights.matrix(p + "attn.c_attn.weight", width, 3 * width), weights.vector(p + "attn.c_attn.bias", 3 * width),
                        weights.matrix(p + "attn.c_proj.weight", width, width), weights.vector(p + "attn.c_proj.bias", width),
                        weights.vector(p + "ln_2.weight", width), weights.vector(p + "ln_2.bias", width),
                        weights.matrix(p + "mlp.c_fc.weight", width, inner), weights.vector(p + "mlp.c_fc.bias", inner),
                        weights.matrix(p + "mlp.c_proj.weight", inner, width), weights.vector(p + "mlp.c_proj.bias", width)));
            }
            double[] lnfGamma = weights.vector(prefix + "ln_f.weight", width);
            double[] lnfBeta = weights.vector(prefix + "ln_f.bias", width);
            double[][] head = outputHead(config, weights, wte);
            weights.requireAllUsed(name -> MASK_BUFFER.matcher(name).matches());
            return new ReferenceGpt2(config, wte, wpe, List.copyOf(blocks), lnfGamma, lnfBeta, head);
        }
    }

    private static double[][] outputHead(Gpt2HfConfig config, CheckpointWeights weights, double[][] wte) throws IOException {
        if (!config.tieWordEmbeddings()) {
            return weights.matrix(LM_HEAD, config.vocabSize(), config.nEmbd());
        }
        if (weights.has(LM_HEAD) && !Arrays.deepEquals(weights.matrix(LM_HEAD, config.vocabSize(), config.nEmbd()), wte)) {
            throw new IllegalArgumentException(LM_HEAD + " differs from wte.weight but tie_word_embeddings is true, "
                    + "so Hugging Face would ignore it; set tie_word_embeddings to false to use it");
        }
        return wte;
    }

    /** The config the model was loaded with. */
    public Gpt2HfConfig config() {
        return config;
    }

    /** The output of {@code ln_f} for each position: [T][n_embd]. */
    public double[][] hiddenStates(int[] ids) {
        validate(ids);
        int steps = ids.length;
        double[][] hidden = new double[steps][];
        for (int t = 0; t < steps; t++) {
            hidden[t] = ReferenceMath.add(tokenEmbedding[ids[t]], positionEmbedding[t]);
        }
        for (Block block : blocks) {
            hidden = applyBlock(block, hidden);
        }
        double[][] out = new double[steps][];
        for (int t = 0; t < steps; t++) {
            out[t] = ReferenceMath.layerNorm(hidden[t], finalGamma, finalBeta, config.layerNormEpsilon());
        }
        return out;
    }

    /** Next-token logits for each position: [T][vocab_size]. */
    public double[][] logits(int[] ids) {
        double[][] hidden = hiddenStates(ids);
        double[][] logits = new double[hidden.length][];
        for (int t = 0; t < hidden.length; t++) {
            logits[t] = ReferenceMath.linear(hidden[t], head, null);
        }
        return logits;
    }

    /** Mean over {@code t < T-1} of {@code -log softmax(logits[t])[ids[t+1]]}, in nats. */
    public double meanNextTokenLoss(int[] ids) {
        double total = 0;
        for (double logProbability : nextTokenLogProbabilities(ids)) {
            total -= logProbability;
        }
        return total / (ids.length - 1);
    }

    /** {@code log softmax(logits[t])[ids[t+1]]} for each {@code t < T-1}: each token's log-probability given those before it. */
    public double[] nextTokenLogProbabilities(int[] ids) {
        if (ids.length < 2) {
            throw new IllegalArgumentException("next-token log-probabilities need at least 2 tokens, got " + ids.length);
        }
        double[][] logits = logits(ids);
        double[] out = new double[ids.length - 1];
        for (int t = 0; t < ids.length - 1; t++) {
            out[t] = ReferenceMath.logSoftmaxAt(logits[t], ids[t + 1]);
        }
        return out;
    }

    private double[][] applyBlock(Block block, double[][] hidden) {
        int steps = hidden.length;
        int width = config.nEmbd();
        double eps = config.layerNormEpsilon();
        double[][] qkv = new double[steps][];
        for (int t = 0; t < steps; t++) {
            double[] normed = ReferenceMath.layerNorm(hidden[t], block.ln1Gamma(), block.ln1Beta(), eps);
            qkv[t] = ReferenceMath.conv1d(normed, block.attnWeight(), block.attnBias());
        }
        double[][] afterAttention = new double[steps][];
        for (int t = 0; t < steps; t++) {
            double[] context = causalAttention(qkv, t, width);
            afterAttention[t] = ReferenceMath.add(hidden[t],
                    ReferenceMath.conv1d(context, block.attnProjWeight(), block.attnProjBias()));
        }
        double[][] out = new double[steps][];
        for (int t = 0; t < steps; t++) {
            double[] normed = ReferenceMath.layerNorm(afterAttention[t], block.ln2Gamma(), block.ln2Beta(), eps);
            double[] inner = ReferenceMath.map(ReferenceMath.conv1d(normed, block.fcWeight(), block.fcBias()), activation);
            out[t] = ReferenceMath.add(afterAttention[t], ReferenceMath.conv1d(inner, block.mlpProjWeight(), block.mlpProjBias()));
        }
        return out;
    }

    /** Attention output at position {@code t}: per head, softmax over positions {@code 0..t} of q·k / sqrt(d). */
    private double[] causalAttention(double[][] qkv, int t, int width) {
        int headDim = config.headDim();
        double scale = 1 / Math.sqrt(headDim);
        double[] context = new double[width];
        for (int h = 0; h < config.nHead(); h++) {
            int offset = h * headDim;
            double[] scores = new double[t + 1];
            for (int j = 0; j <= t; j++) {
                double score = 0;
                for (int d = 0; d < headDim; d++) {
                    score += qkv[t][offset + d] * qkv[j][width + offset + d];
                }
                scores[j] = score * scale;
            }
            double[] weights = ReferenceMath.softmax(scores);
            for (int j = 0; j <= t; j++) {
                for (int d = 0; d < headDim; d++) {
                    context[offset + d] += weights[j] * qkv[j][2 * width + offset + d];
                }
            }
        }
        return context;
    }

    private void validate(int[] ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("token ids must not be empty");
        }
        if (ids.length > config.nPositions()) {
            throw new IllegalArgumentException(ids.length + " tokens exceed n_positions " + config.nPositions());
        }
        for (int t = 0; t < ids.length; t++) {
            if (ids[t] < 0 || ids[t] >= config.vocabSize()) {
                throw new IllegalArgumentException("token id " + ids[t] + " at position " + t + " is outside [0, "
                        + config.vocabSize() + ")");
            }
        }
    }
}
