package org.lmlab.layers.position;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.core.BuildContext;
import org.lmlab.layers.core.InitConfig;
import org.lmlab.layers.engine.OfflineEngine;

/** RoPE, ALiBi and sinusoidal positions against their definitions and invariances. */
class PositionalSchemesTest {

    private static final BuildContext CONTEXT = new BuildContext(16, 2, InitConfig.GPT2);

    private static RotaryPositions rope() {
        return new RotaryPositions(new PositionalConfig("rope", 64, 10000f), CONTEXT, 2);
    }

    @Test
    void ropeLeavesPositionZeroUnchanged() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(1, 2, 1, 8));
            assertArrayEquals(x.toFloatArray(), rope().rotate(x, 0).toFloatArray(), 0f);
        }
    }

    @Test
    void ropeRotatesPairsByPositionTimesFrequency() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            float[] values = {1, 2, 3, 4, 5, 6, 7, 8};
            NDArray x = manager.create(values, new Shape(1, 1, 1, 8));
            float[] rotated = rope().rotate(x, 3).toFloatArray();
            for (int i = 0; i < 4; i++) {
                double angle = 3 * Math.pow(10000, -2.0 * i / 8);
                double first = values[i] * Math.cos(angle) - values[i + 4] * Math.sin(angle);
                double second = values[i + 4] * Math.cos(angle) + values[i] * Math.sin(angle);
                assertEquals(first, rotated[i], 1e-5);
                assertEquals(second, rotated[i + 4], 1e-5);
            }
        }
    }

    @Test
    void ropeDotProductsDependOnlyOnTheDistance() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            NDArray q = manager.randomNormal(new Shape(1, 1, 1, 8));
            NDArray k = manager.randomNormal(new Shape(1, 1, 1, 8));
            RotaryPositions rope = rope();
            double near = dot(rope.rotate(q, 7), rope.rotate(k, 4));
            double shifted = dot(rope.rotate(q, 37), rope.rotate(k, 34));
            double farther = dot(rope.rotate(q, 8), rope.rotate(k, 4));
            assertEquals(near, shifted, 1e-4);
            assertEquals(false, Math.abs(near - farther) < 1e-4, "a different distance must change the product");
        }
    }

    @Test
    void alibiSlopesAreGeometric() {
        assertArrayEquals(new float[] {0.5f, 0.25f, 0.125f, 0.0625f, 0.03125f, 0.015625f, 0.0078125f, 0.00390625f},
                AlibiPositions.slopes(8), 0f);
        // 6 heads: the 4 slopes of 4 heads, then slopes 1 and 3 of 8 heads.
        assertArrayEquals(new float[] {0.25f, 0.0625f, 0.015625f, 0.00390625f, (float) Math.pow(2, -1), (float) Math.pow(2, -3)},
                AlibiPositions.slopes(6), 0f);
    }

    @Test
    void alibiBiasIsMinusSlopeTimesDistanceAndShiftInvariant() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            AlibiPositions alibi = new AlibiPositions(new PositionalConfig("alibi", 64, 10000f), CONTEXT, 2);
            NDArray bias = alibi.attentionBias(manager, 3, 5, 2);
            assertEquals(new Shape(1, 2, 3, 5), bias.getShape());
            // head 0 (slope 1/16 for 2 heads), query at position 2+1=3, key 0: distance 3
            assertEquals(-3 / 16f, bias.getFloat(0, 0, 1, 0), 0f);
            assertEquals(0f, bias.getFloat(0, 1, 0, 2), 0f);
            NDArray later = alibi.attentionBias(manager, 3, 15, 12);
            assertArrayEquals(bias.get(new NDIndex(":, :, :, 0:5")).toFloatArray(),
                    later.get(new NDIndex(":, :, :, 10:15")).toFloatArray(), 0f);
        }
    }

    @Test
    void sinusoidalTableFollowsTheFormula() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            SinusoidalPositions sinusoidal = new SinusoidalPositions(new PositionalConfig("sinusoidal", 64, 10000f), CONTEXT);
            float[] table = sinusoidal.table(manager, 4, 5).toFloatArray();
            for (int p = 0; p < 4; p++) {
                for (int i = 0; i < 8; i++) {
                    double angle = (p + 5) / Math.pow(10000, 2.0 * i / 16);
                    assertEquals(Math.sin(angle), table[p * 16 + 2 * i], 1e-5);
                    assertEquals(Math.cos(angle), table[p * 16 + 2 * i + 1], 1e-5);
                }
            }
        }
    }

    @Test
    void positionsBeyondTheContextAreRejected() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            NDArray x = manager.zeros(new Shape(1, 2, 5, 8));
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> rope().rotate(x, 60));
            assertEquals("sequence of 65 positions exceeds the model's 64 (context_length)", error.getMessage());
        }
    }

    private static double dot(NDArray a, NDArray b) {
        return a.mul(b).sum().getFloat();
    }
}
