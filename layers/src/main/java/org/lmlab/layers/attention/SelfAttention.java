package org.lmlab.layers.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.lmlab.layers.core.BuildContext;
import org.lmlab.layers.core.Dense;
import org.lmlab.layers.core.Dropouts;
import org.lmlab.layers.core.Scalars;

/**
 * Scaled dot-product self-attention with a fused query/key/value projection. With
 * {@code kvHeads < heads} it is grouped-query attention (each key/value head serves
 * {@code heads / kvHeads} consecutive query heads); masks, sliding windows and ALiBi arrive
 * as one additive bias; RoPE is applied through the positional scheme. All built-in variants
 * are this class; they differ in their config records. A plugin variant that only needs
 * other knobs may build one too, one with other arithmetic extends {@link Attention}.
 */
public final class SelfAttention extends Attention {

    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final int window;
    private final float dropout;
    private final Dense qkv;
    private final Dense output;

    /** The layer a config describes, for a model of the context's width. */
    public SelfAttention(AttentionConfig config, BuildContext context) {
        if (context.width() % config.heads() != 0) {
            throw new IllegalArgumentException("attention.heads: must divide the width (" + context.width()
                    + "), got " + config.heads());
        }
        this.heads = config.heads();
        this.kvHeads = config.kvHeads();
        this.headDim = context.width() / heads;
        this.window = config.window();
        this.dropout = config.dropout();
        this.qkv = child("qkv", new Dense(context.width(), (heads + 2 * kvHeads) * headDim, config.qkvBias(), context, false));
        this.output = child("output", new Dense(heads * headDim, context.width(), config.outputBias(), context, true));
    }

    @Override
    public NDArray forward(NDArray x, AttentionInputs in) {
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        NDList split = qkv.apply(x).split(new long[] {heads * headDim, (heads + kvHeads) * headDim}, 2);
        NDArray queries = in.rotate(splitHeads(split.get(0), batch, length, heads));
        NDArray keys = in.rotate(splitHeads(split.get(1), batch, length, kvHeads));
        NDArray values = splitHeads(split.get(2), batch, length, kvHeads);
        if (in.cache() != null) {
            NDArray[] past = in.cache().append(keys, values);
            keys = past[0];
            values = past[1];
        }
        if (kvHeads < heads) {
            keys = keys.repeat(1, heads / kvHeads);
            values = values.repeat(1, heads / kvHeads);
        }
        NDArray scores = Scalars.times(queries, (float) (1 / Math.sqrt(headDim))).matMul(keys.transpose(0, 1, 3, 2));
        if (in.bias() != null) {
            scores = scores.add(in.bias());
        }
        NDArray weights = Dropouts.apply(scores.softmax(3), dropout, in.training());
        NDArray context = weights.matMul(values).transpose(0, 2, 1, 3).reshape(batch, length, heads * headDim);
        return output.apply(context);
    }

    @Override
    public int window() {
        return window;
    }

    private NDArray splitHeads(NDArray projected, long batch, long length, int count) {
        return projected.reshape(batch, length, count, headDim).transpose(0, 2, 1, 3);
    }
}
