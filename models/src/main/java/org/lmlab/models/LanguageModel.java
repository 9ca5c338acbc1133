package org.lmlab.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.IdentityHashMap;
import java.util.Map;
import org.lmlab.layers.attention.KvCache;
import org.lmlab.layers.core.NamedBlock;
import org.lmlab.layers.norm.Norm;
import org.lmlab.layers.position.TokenPositions;
import org.lmlab.models.config.ModelConfig;
import org.lmlab.models.embedding.Embeddings;
import org.lmlab.models.head.Head;
import org.lmlab.models.head.HeadOutput;
import org.lmlab.models.head.Pooler;
import org.lmlab.models.head.VocabularyHead;
import org.lmlab.models.stack.TransformerStack;

/**
 * A transformer language model, GPT or BERT alike: embeddings, a stack of blocks, an optional
 * final norm, and a head, which declares what the model outputs ({@link HeadOutput}). Which one it is lives entirely in its {@link ModelConfig}; the
 * trainer sees only this class.
 */
public final class LanguageModel extends NamedBlock {

    private final ModelConfig config;
    private final Embeddings embeddings;
    private final TransformerStack blocks;
    private final Norm finalNorm;
    private final Pooler pooler;
    private final Head head;

    /** Assembles a model from parts built by {@link Models}; finalNorm and pooler may be null. */
    LanguageModel(ModelConfig config, Embeddings embeddings, TransformerStack blocks, Norm finalNorm, Pooler pooler, Head head) {
        this.config = config;
        this.embeddings = child("embeddings", embeddings);
        this.blocks = child("blocks", blocks);
        this.finalNorm = finalNorm == null ? null : child("final_norm", finalNorm);
        this.pooler = pooler == null ? null : child("pooler", pooler);
        this.head = child("head", head);
        if (head.output() == HeadOutput.VOCABULARY_LOGITS && !(head instanceof VocabularyHead)) {
            throw new IllegalArgumentException("head " + config.head().type() + ": a head that outputs vocabulary logits must be a "
                    + VocabularyHead.class.getSimpleName() + " (the loss, the scorers and the decoder project only the positions they read)");
        }
    }

    /**
     * The head's output for a batch ({@link #output()}): logits [B, T, vocab] for a token head,
     * [B, classes] for a classifier, the final hidden states [B, T, width] for head {@code none}.
     */
    public NDArray forward(ModelInput input, boolean training) {
        return run(input, null, training);
    }

    /**
     * The head's output for the next tokens of a batch being decoded, reading and extending the
     * cache (inference only: no dropout). The new tokens sit at positions cache.length() onwards.
     */
    public NDArray forward(ModelInput input, KvCache cache) {
        return run(input, cache, false);
    }

    /**
     * The final hidden states [B, T, width] of any model, whatever its head: the last block's
     * output, after the final norm if the model has one. Padding positions hold values too;
     * {@link org.lmlab.models.embed.Pooling} pools over the real tokens only.
     */
    public NDArray hidden(ModelInput input, boolean training) {
        return hidden(input, null, training);
    }

    /**
     * The final hidden states [B, T, width] of the next tokens of a batch being decoded, reading
     * and extending the cache (inference only); with {@link #vocabularyHead()} a decoder turns
     * only the positions it needs into logits.
     */
    public NDArray hidden(ModelInput input, KvCache cache) {
        return hidden(input, cache, false);
    }

    // --- batched decoding (rows at their own positions) ---

    /**
     * As {@link #hidden(ModelInput, KvCache)}, for a batch whose rows are at different positions
     * of sequences of different lengths (batched generation): {@code at} gives each row's query and
     * key positions, and {@code input.padding()} [B, cached + T] hides the cache columns a row
     * does not use.
     */
    public NDArray hidden(ModelInput input, KvCache cache, TokenPositions at) {
        NDArray x = embeddings.embed(input.tokens(), input.tokenTypes(), at);
        x = blocks.forward(x, input.padding(), embeddings.positions(), cache, at);
        return finalNorm == null ? x : finalNorm.apply(x);
    }

    // --- end batched decoding ---

    private NDArray hidden(ModelInput input, KvCache cache, boolean training) {
        int offset = cache == null ? 0 : cache.length();
        NDArray x = embeddings.embed(input.tokens(), input.tokenTypes(), offset, training);
        x = blocks.forward(x, input.padding(), embeddings.positions(), cache, training);
        return finalNorm == null ? x : finalNorm.apply(x);
    }

    private NDArray run(ModelInput input, KvCache cache, boolean training) {
        NDArray hidden = hidden(input, cache, training);
        return head.apply(hidden, () -> {
            NDArray summary = blocks.summarize(hidden, input.padding());
            return pooler == null ? summary : pooler.apply(summary);
        });
    }

    /**
     * The head split at its vocabulary projection, for models that output vocabulary logits
     * ({@link #output()} is {@link HeadOutput#VOCABULARY_LOGITS}): {@code head.logits(head.features(hidden(x)))}
     * is {@code forward(x)}, computed for the positions one chooses.
     *
     * @throws IllegalStateException for a classifier or a model without a head
     */
    public VocabularyHead vocabularyHead() {
        if (!(head instanceof VocabularyHead)) {
            throw new IllegalStateException("model '" + config.name() + "' has no vocabulary head (its head outputs " + head.output() + ")");
        }
        return (VocabularyHead) head;
    }

    /** An empty KV cache for this model's stack, living in a sub-manager of {@code manager}. */
    public KvCache newCache(NDManager manager) {
        return new KvCache(manager, blocks.depth());
    }

    public ModelConfig config() {
        return config;
    }

    /** True if the model attends only to the past (a decoder). */
    public boolean isCausal() {
        return blocks.isCausal();
    }

    /** What {@link #forward} returns: the head's declared output. */
    public HeadOutput output() {
        return head.output();
    }

    /** True if the model predicts the next token at each position: a decoder with vocabulary logits. */
    public boolean predictsNextToken() {
        return blocks.isCausal() && head.output() == HeadOutput.VOCABULARY_LOGITS;
    }

    /** True if the model predicts masked tokens from both sides: an encoder with vocabulary logits. */
    public boolean predictsMaskedTokens() {
        return !blocks.isCausal() && head.output() == HeadOutput.VOCABULARY_LOGITS;
    }

    /** Number of trainable values, counting a tied matrix once. */
    public long parameterCount() {
        Map<Parameter, Boolean> distinct = new IdentityHashMap<>();
        namedParameters().values().forEach(p -> distinct.put(p, true));
        return distinct.keySet().stream().mapToLong(p -> p.getShape().size()).sum();
    }

    @Override
    protected NDList forward(NDList inputs, boolean training) {
        NDArray padding = inputs.size() > 1 ? inputs.get(1) : null;
        NDArray types = inputs.size() > 2 ? inputs.get(2) : null;
        return new NDList(forward(new ModelInput(inputs.get(0), padding, types), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = inputShapes[0];
        return head.getOutputShapes(new Shape[] {tokens.add(config.width())});
    }
}
