package org.lmlab.layers.norm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import org.lmlab.layers.core.Init;

/** LayerNorm over the last axis: {@code (x - mean) / sqrt(var + eps) * weight + bias}. */
public final class LayerNormBlock extends Norm {

    private final Shape normalizedShape;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    public LayerNormBlock(NormConfig config, int width) {
        this.normalizedShape = new Shape(width);
        this.eps = config.eps();
        this.weight = parameter("weight", normalizedShape, Init.ones());
        this.bias = parameter("bias", normalizedShape, Init.zeros());
    }

    @Override
    public NDArray apply(NDArray x) {
        return LayerNorm.layerNorm(x, normalizedShape, weight.getArray(), bias.getArray(), eps).singletonOrThrow();
    }
}
