package org.example.lmlab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.lmlab.layers.attention.Attention;
import org.lmlab.layers.attention.AttentionConfig;
import org.lmlab.layers.attention.AttentionInputs;
import org.lmlab.layers.core.BuildContext;
import org.lmlab.layers.core.Dense;
import org.lmlab.layers.core.Dropouts;
import org.lmlab.layers.core.Scalars;

/**
 * A plugin's attention variant, written as a user outside lmlab would: multi-head attention
 * whose scores are divided by {@code temperature * sqrt(head_dim)}, a knob no built-in variant
 * has. One class (with its config record) and one binding in {@link ExamplePlugin}.
 */
public final class TemperatureAttention extends Attention {

    /** The variant's own config record: the shared knobs plus {@code temperature}. */
    public record Config(String type, int heads, boolean qkvBias, boolean outputBias, float dropout, float temperature)
            implements AttentionConfig {

        public Config {
            if (!(temperature > 0)) {
                throw new IllegalArgumentException("attention.temperature: must be positive, got " + temperature);
            }
        }
    }

    private final int heads;
    private final int headDim;
    private final float scale;
    private final float dropout;
    private final Dense qkv;
    private final Dense output;

    public TemperatureAttention(Config config, BuildContext context) {
        this.heads = config.heads();
        this.headDim = context.width() / heads;
        this.scale = (float) (1 / (config.temperature() * Math.sqrt(headDim)));
        this.dropout = config.dropout();
        this.qkv = child("qkv", new Dense(context.width(), 3 * context.width(), config.qkvBias(), context, false));
        this.output = child("output", new Dense(context.width(), context.width(), config.outputBias(), context, true));
    }

    @Override
    public NDArray forward(NDArray x, AttentionInputs in) {
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        NDList split = qkv.apply(x).split(3, 2);
        NDArray queries = in.positions().rotate(heads(split.get(0), batch, length), in.offset());
        NDArray keys = in.positions().rotate(heads(split.get(1), batch, length), in.offset());
        NDArray values = heads(split.get(2), batch, length);
        if (in.cache() != null) {
            NDArray[] all = in.cache().append(keys, values);
            keys = all[0];
            values = all[1];
        }
        NDArray scores = Scalars.times(queries, scale).matMul(keys.transpose(0, 1, 3, 2));
        if (in.bias() != null) {
            scores = scores.add(in.bias());
        }
        NDArray weights = Dropouts.apply(scores.softmax(3), dropout, in.training());
        return output.apply(weights.matMul(values).transpose(0, 2, 1, 3).reshape(batch, length, heads * headDim));
    }

    private NDArray heads(NDArray projected, long batch, long length) {
        return projected.reshape(batch, length, heads, headDim).transpose(0, 2, 1, 3);
    }
}
