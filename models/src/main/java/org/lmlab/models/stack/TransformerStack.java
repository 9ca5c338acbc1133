package org.lmlab.models.stack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.lmlab.layers.attention.AttentionInputs;
import org.lmlab.layers.attention.AttentionMasks;
import org.lmlab.layers.attention.KvCache;
import org.lmlab.layers.block.TransformerBlock;
import org.lmlab.layers.core.NamedBlock;
import org.lmlab.layers.position.PositionalScheme;
import org.lmlab.layers.position.TokenPositions;

/**
 * A stack of transformer blocks sharing one attention mask: causal in a decoder, bidirectional
 * in an encoder. It also knows which position summarises a sequence for a classifier.
 */
public final class TransformerStack extends NamedBlock {

    private final List<TransformerBlock> blocks;
    private final boolean causal;
    private final SequenceSummary summary;
    private final int window;

    public TransformerStack(List<TransformerBlock> blocks, boolean causal, SequenceSummary summary) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("layers: a stack needs at least one block");
        }
        for (int i = 0; i < blocks.size(); i++) {
            child(Integer.toString(i), blocks.get(i));
        }
        this.blocks = List.copyOf(blocks);
        this.causal = causal;
        this.summary = summary;
        this.window = blocks.get(0).attention().window();
    }

    /**
     * Runs the blocks over hidden states [B, T, width] at positions offset..offset+T-1, where
     * offset is what the cache already holds.
     *
     * @param padding [B, offset+T], 1 for real tokens and 0 for padding, or null
     * @param cache the KV cache to read and extend, or null
     */
    public NDArray forward(NDArray x, NDArray padding, PositionalScheme positions, KvCache cache, boolean training) {
        int length = (int) x.getShape().get(1);
        int offset = cache == null ? 0 : cache.length();
        int keys = offset + length;
        NDManager manager = x.getManager();
        NDArray bias = AttentionMasks.bias(manager, length, keys, offset, causal, window, padding);
        NDArray positionBias = positions.attentionBias(manager, length, keys, offset);
        if (positionBias != null) {
            bias = bias == null ? positionBias : bias.add(positionBias);
        }
        for (int i = 0; i < blocks.size(); i++) {
            x = blocks.get(i).forward(x, new AttentionInputs(bias, positions, offset, cache == null ? null : cache.layer(i), training));
        }
        return x;
    }

    /**
     * Runs the blocks over hidden states [B, T, width] whose rows sit at their own positions
     * ({@code at}: queries [B, T], and all keys [B, cached + T] once this step is cached), as in
     * batched decoding, where each row of the cache holds a sequence of its own length.
     *
     * @param padding [B, cached + T], 1 for real keys and 0 for padding (columns a row does not use)
     */
    public NDArray forward(NDArray x, NDArray padding, PositionalScheme positions, KvCache cache, TokenPositions at) {
        NDManager manager = x.getManager();
        NDArray bias = AttentionMasks.bias(manager, at, causal, window, padding);
        NDArray positionBias = positions.attentionBias(manager, at);
        if (positionBias != null) {
            bias = bias == null ? positionBias : bias.add(positionBias);
        }
        for (int i = 0; i < blocks.size(); i++) {
            x = blocks.get(i).forward(x, new AttentionInputs(bias, positions, -1, at, cache.layer(i), false));
        }
        return x;
    }

    /** One vector per sequence for a classifier. */
    public NDArray summarize(NDArray hidden, NDArray padding) {
        return summary.select(hidden, padding);
    }

    /** True for a decoder. */
    public boolean isCausal() {
        return causal;
    }

    /** Number of blocks (and of KV cache layers). */
    public int depth() {
        return blocks.size();
    }

    @Override
    protected NDList forward(NDList inputs, boolean training) {
        throw new UnsupportedOperationException("TransformerStack needs its positional scheme: call forward(x, padding, positions, cache, training)");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
