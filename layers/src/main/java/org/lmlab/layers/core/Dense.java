package org.lmlab.layers.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;

/**
 * A fully connected layer {@code y = x·Wᵀ + b} with {@code W} stored [out, in] (PyTorch's
 * {@code nn.Linear} layout; Hugging Face GPT-2's {@code Conv1D} stores the transpose).
 */
public final class Dense extends NamedBlock {

    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * A layer whose weights start as the context's init scheme says.
     *
     * @param residual the layer writes into the residual stream (GPT-2 scales its init down)
     */
    public Dense(int in, int out, boolean withBias, BuildContext context, boolean residual) {
        this.in = in;
        this.out = out;
        InitConfig init = context.init();
        this.weight = parameter("weight", new Shape(out, in), init.weight(in, context.depth(), residual));
        this.bias = withBias ? parameter("bias", new Shape(out), init.bias(in)) : null;
    }

    /** Applies the layer to the last axis of {@code x}. */
    public NDArray apply(NDArray x) {
        NDList result = bias == null
                ? Linear.linear(x, weight.getArray())
                : Linear.linear(x, weight.getArray(), bias.getArray());
        return result.singletonOrThrow();
    }

    @Override
    protected NDList forward(NDList inputs, boolean training) {
        return new NDList(apply(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape input = inputShapes[0];
        if (input.tail() != in) {
            throw new IllegalArgumentException("expected last axis " + in + ", got " + input);
        }
        return new Shape[] {input.slice(0, input.dimension() - 1).add(out)};
    }
}
