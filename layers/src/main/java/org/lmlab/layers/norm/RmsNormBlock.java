package org.lmlab.layers.norm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.lmlab.layers.core.Init;

/** RMSNorm: {@code x / sqrt(mean(x^2) + eps) * weight}; no centring, no bias (as in Llama). */
public final class RmsNormBlock extends Norm {

    private final float eps;
    private final Parameter weight;

    public RmsNormBlock(NormConfig config, int width) {
        this.eps = config.eps();
        this.weight = parameter("weight", new Shape(width), Init.ones());
    }

    @Override
    public NDArray apply(NDArray x) {
        NDArray meanSquare = x.mul(x).mean(new int[] {x.getShape().dimension() - 1}, true);
        return x.div(meanSquare.add(eps).sqrt()).mul(weight.getArray());
    }
}
