package org.lmlab.layers.position;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.lmlab.layers.core.BuildContext;

/**
 * The fixed sinusoids of "Attention Is All You Need", added to the token embedding:
 * {@code PE[p, 2i] = sin(p / 10000^(2i/d))}, {@code PE[p, 2i+1] = cos(p / 10000^(2i/d))}. No parameters.
 */
public final class SinusoidalPositions extends PositionalScheme {

    private final int width;

    public SinusoidalPositions(PositionalConfig config, BuildContext context) {
        super(config.maxPositions());
        if (context.width() % 2 != 0) {
            throw new IllegalArgumentException("positions.type sinusoidal: needs an even width, got " + context.width());
        }
        this.width = context.width();
    }

    @Override
    public NDArray embed(NDArray tokens, int offset) {
        int length = (int) tokens.getShape().get(1);
        checkFits(length, offset);
        return tokens.add(table(tokens.getManager(), length, offset));
    }

    @Override
    public NDArray embed(NDArray tokens, TokenPositions at) {
        checkFits(1, at.highest());
        NDArray angles = at.queries().toType(DataType.FLOAT32, false).expandDims(2)
                .mul(RotaryPositions.inverseFrequencies(tokens.getManager(), width, 10000f).reshape(1, 1, width / 2));
        long rows = angles.getShape().get(0);
        long length = angles.getShape().get(1);
        return tokens.add(angles.sin().expandDims(3).concat(angles.cos().expandDims(3), 3).reshape(rows, length, width));
    }

    /** The encodings [length, width] of positions offset..offset+length-1. */
    NDArray table(NDManager manager, int length, int offset) {
        NDArray positions = manager.arange(offset, offset + length).toType(DataType.FLOAT32, false).expandDims(1);
        NDArray angles = positions.mul(RotaryPositions.inverseFrequencies(manager, width, 10000f).expandDims(0));
        return angles.sin().expandDims(2).concat(angles.cos().expandDims(2), 2).reshape(length, width);
    }
}
