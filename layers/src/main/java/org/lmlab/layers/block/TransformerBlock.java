package org.lmlab.layers.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.lmlab.layers.attention.AttentionInputs;
import org.lmlab.layers.attention.Attention;
import org.lmlab.layers.core.Dropouts;
import org.lmlab.layers.core.NamedBlock;
import org.lmlab.layers.feedforward.FeedForward;
import org.lmlab.layers.norm.Norm;

/** A transformer block: self-attention then feed-forward, each with a residual connection, norm and dropout. */
public final class TransformerBlock extends NamedBlock {

    private final NormPlacement placement;
    private final float residualDropout;
    private final Norm attentionNorm;
    private final Attention attention;
    private final Norm feedForwardNorm;
    private final FeedForward feedForward;

    /** Assembles a block from parts made by the registered factories (see {@code Layers}). */
    public TransformerBlock(BlockConfig config, Norm attentionNorm, Attention attention, Norm feedForwardNorm, FeedForward feedForward) {
        this.placement = config.placement();
        this.residualDropout = config.residualDropout();
        this.attentionNorm = child("attention_norm", attentionNorm);
        this.attention = child("attention", attention);
        this.feedForwardNorm = child("feed_forward_norm", feedForwardNorm);
        this.feedForward = child("feed_forward", feedForward);
    }

    /** Transforms hidden states [B, T, width]. */
    public NDArray forward(NDArray x, AttentionInputs in) {
        NDArray h = placement.residual(x, attentionNorm,
                y -> Dropouts.apply(attention.forward(y, in), residualDropout, in.training()));
        return placement.residual(h, feedForwardNorm,
                y -> Dropouts.apply(feedForward.apply(y), residualDropout, in.training()));
    }

    /** The block's attention layer (its window shapes the stack's mask). */
    public Attention attention() {
        return attention;
    }

    @Override
    protected NDList forward(NDList inputs, boolean training) {
        throw new UnsupportedOperationException("TransformerBlock needs AttentionInputs: call forward(NDArray, AttentionInputs)");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
