package org.lmlab.layers.position;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import org.lmlab.layers.core.BuildContext;

/**
 * Rotary position embedding (RoPE): each pair of query/key features is rotated by an angle
 * proportional to the position, so a query-key dot product depends only on their distance.
 * Pairs are (i, i + headDim/2), the "rotate half" layout of GPT-NeoX and Llama. No parameters.
 */
public final class RotaryPositions extends PositionalScheme {

    private final int headDim;
    private final float base;

    public RotaryPositions(PositionalConfig config, BuildContext context, int heads) {
        super(config.maxPositions());
        if (context.width() % heads != 0 || (context.width() / heads) % 2 != 0) {
            throw new IllegalArgumentException("positions.type rope: needs an even head size, got width "
                    + context.width() + " / heads " + heads);
        }
        this.headDim = context.width() / heads;
        this.base = config.ropeBase();
    }

    @Override
    public NDArray rotate(NDArray x, int offset) {
        int length = (int) x.getShape().get(2);
        checkFits(length, offset);
        NDManager manager = x.getManager();
        NDArray positions = manager.arange(offset, offset + length).toType(DataType.FLOAT32, false).expandDims(1);
        NDArray angles = positions.mul(inverseFrequencies(manager, headDim, base).expandDims(0));
        return rotate(x, angles.concat(angles, 1));
    }

    @Override
    public NDArray rotate(NDArray x, TokenPositions at) {
        checkFits(1, at.highest());
        NDManager manager = x.getManager();
        NDArray angles = at.queries().toType(DataType.FLOAT32, false).expandDims(2)
                .mul(inverseFrequencies(manager, headDim, base).reshape(1, 1, headDim / 2));
        // [B, T, headDim] angles, broadcast over the heads of x [B, heads, T, headDim].
        return rotate(x, angles.concat(angles, 2).expandDims(1));
    }

    private NDArray rotate(NDArray x, NDArray doubledAngles) {
        NDArray rotatedHalf = x.get(new NDIndex("..., {}:", headDim / 2)).neg()
                .concat(x.get(new NDIndex("..., :{}", headDim / 2)), 3);
        return x.mul(doubledAngles.cos()).add(rotatedHalf.mul(doubledAngles.sin()));
    }

    /** {@code base^(-2i/dim)} for i in 0..dim/2-1, computed in float64 and stored as float32. */
    static NDArray inverseFrequencies(NDManager manager, int dim, float base) {
        float[] frequencies = new float[dim / 2];
        for (int i = 0; i < frequencies.length; i++) {
            frequencies[i] = (float) Math.pow(base, -2.0 * i / dim);
        }
        return manager.create(frequencies);
    }
}
