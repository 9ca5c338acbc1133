package org.lmlab.layers.position;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.lmlab.layers.core.BuildContext;

/**
 * ALiBi (Press et al.): no position embedding; each head h penalises attention scores by
 * {@code slope_h * |query position - key position|}, with geometric slopes per head.
 */
public final class AlibiPositions extends PositionalScheme {

    private final float[] slopes;

    public AlibiPositions(PositionalConfig config, BuildContext context, int heads) {
        super(config.maxPositions());
        this.slopes = slopes(heads);
    }

    @Override
    public NDArray attentionBias(NDManager manager, int queries, int keys, int offset) {
        checkFits(queries, offset);
        NDArray queryPositions = manager.arange(offset, offset + queries).toType(DataType.FLOAT32, false).expandDims(1);
        NDArray keyPositions = manager.arange(0, keys).toType(DataType.FLOAT32, false).expandDims(0);
        NDArray distance = queryPositions.sub(keyPositions).abs();
        NDArray perHead = manager.create(slopes).neg().reshape(slopes.length, 1, 1);
        return perHead.mul(distance.expandDims(0)).expandDims(0);
    }

    @Override
    public NDArray attentionBias(NDManager manager, TokenPositions at) {
        checkFits(1, at.highest());
        NDArray queryPositions = at.queries().toType(DataType.FLOAT32, false).expandDims(2);
        NDArray keyPositions = at.keys().toType(DataType.FLOAT32, false).expandDims(1);
        NDArray distance = queryPositions.sub(keyPositions).abs();
        NDArray perHead = manager.create(slopes).neg().reshape(1, slopes.length, 1, 1);
        return perHead.mul(distance.expandDims(1));
    }

    /**
     * The ALiBi slopes: for a power of two n, {@code 2^(-8i/n)} for i = 1..n; otherwise those of
     * the largest power of two below n, then every other slope of twice that power.
     */
    static float[] slopes(int heads) {
        int power = Integer.highestOneBit(heads);
        float[] result = new float[heads];
        double[] base = geometric(power);
        for (int i = 0; i < power; i++) {
            result[i] = (float) base[i];
        }
        double[] extra = geometric(2 * power);
        for (int i = power; i < heads; i++) {
            result[i] = (float) extra[2 * (i - power)];
        }
        return result;
    }

    private static double[] geometric(int n) {
        double[] slopes = new double[n];
        for (int i = 0; i < n; i++) {
            slopes[i] = Math.pow(2, -8.0 * (i + 1) / n);
        }
        return slopes;
    }
}
