package org.lmlab.layers.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;

/**
 * A fully connected layer {@code y = x·Wᵀ + b} with {@code W} stored [out, in] (PyTorch's
 * {@code nn.Linear} layout; Hugging Face GPT-2's {@code Conv1D} stores the transpose).
 *
 * <p>A layer may carry a low-rank delta (LoRA): {@code y = x·Wᵀ + b + scale·(x·Aᵀ)·Bᵀ} with
 * {@code A} [rank, in] and {@code B} [out, rank], parameters of this layer named
 * {@value #LOW_RANK_A} and {@value #LOW_RANK_B} ({@code blocks.0.attention.qkv.lora_a}).
 * {@link #mergeLowRank} folds it into {@code W}, after which the layer is a plain one again.
 */
public final class Dense extends NamedBlock {

    /** Parameter name of the low-rank delta's first matrix A [rank, in]. */
    public static final String LOW_RANK_A = "lora_a";

    /** Parameter name of the low-rank delta's second matrix B [out, rank]. */
    public static final String LOW_RANK_B = "lora_b";

    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    private Parameter lowRankA;
    private Parameter lowRankB;
    private float lowRankScale;

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

    /** Input width. */
    public int in() {
        return in;
    }

    /** Output width. */
    public int out() {
        return out;
    }

    /**
     * Adds a low-rank delta of {@code rank} scaled by {@code scale}, its matrices starting from
     * the given initializers. If the layer is already initialized they are allocated at once,
     * beside the weight; otherwise with the rest of the model.
     *
     * @throws IllegalStateException if the layer already has one
     */
    public void addLowRank(int rank, float scale, Initializer a, Initializer b) {
        if (lowRankA != null) {
            throw new IllegalStateException("the layer already has a low-rank delta");
        }
        if (rank < 1) {
            throw new IllegalArgumentException("rank: must be positive, got " + rank);
        }
        lowRankA = parameter(LOW_RANK_A, new Shape(rank, in), a);
        lowRankB = parameter(LOW_RANK_B, new Shape(out, rank), b);
        lowRankScale = scale;
        if (weight.isInitialized()) {
            lowRankA.initialize(weight.getArray().getManager(), DataType.FLOAT32);
            lowRankB.initialize(weight.getArray().getManager(), DataType.FLOAT32);
        }
    }

    /** The rank of the low-rank delta, 0 without one. */
    public int lowRank() {
        return lowRankA == null ? 0 : (int) lowRankA.getShape().get(0);
    }

    /** The factor the low-rank delta is multiplied by (0 without one). */
    public float lowRankScale() {
        return lowRankA == null ? 0f : lowRankScale;
    }

    /**
     * Folds the low-rank delta into the weight, {@code W += scale·B·A} (summed in float64 on the
     * host, rounded once), and removes its parameters: the layer computes the same function (to
     * float rounding) as a plain layer, and saves as one.
     *
     * @throws IllegalStateException if the layer has no low-rank delta
     */
    public void mergeLowRank() {
        if (lowRankA == null) {
            throw new IllegalStateException("the layer has no low-rank delta to merge");
        }
        int rank = lowRank();
        float[] w = weight.getArray().toFloatArray();
        float[] a = lowRankA.getArray().toFloatArray();
        float[] b = lowRankB.getArray().toFloatArray();
        double[] row = new double[in];
        for (int o = 0; o < out; o++) {
            java.util.Arrays.fill(row, 0);
            for (int r = 0; r < rank; r++) {
                double factor = b[o * rank + r];
                if (factor != 0) {
                    for (int i = 0; i < in; i++) {
                        row[i] += factor * a[r * in + i];
                    }
                }
            }
            for (int i = 0; i < in; i++) {
                w[o * in + i] = (float) (w[o * in + i] + (double) lowRankScale * row[i]);
            }
        }
        HostCopy.into(weight.getArray(), w);
        removeParameter(LOW_RANK_A);
        removeParameter(LOW_RANK_B);
        lowRankA = null;
        lowRankB = null;
        lowRankScale = 0f;
    }

    /**
     * The [out, in] matrix this layer multiplies by: the weight, plus the scaled low-rank delta
     * {@code B·A} when one is attached, so {@code x·effectiveWeight()ᵀ} equals {@link #apply}
     * without the bias (up to rounding).
     */
    public NDArray effectiveWeight() {
        if (lowRankA == null) {
            return weight.getArray();
        }
        return weight.getArray().add(Scalars.times(lowRankB.getArray().matMul(lowRankA.getArray()), lowRankScale));
    }

    /** Applies the layer to the last axis of {@code x}. */
    public NDArray apply(NDArray x) {
        NDList result = bias == null
                ? Linear.linear(x, weight.getArray())
                : Linear.linear(x, weight.getArray(), bias.getArray());
        NDArray y = result.singletonOrThrow();
        if (lowRankA == null) {
            return y;
        }
        NDArray down = Linear.linear(x, lowRankA.getArray()).singletonOrThrow();
        NDArray up = Linear.linear(down, lowRankB.getArray()).singletonOrThrow();
        return y.add(Scalars.times(up, lowRankScale));
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
