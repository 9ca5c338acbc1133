package org.lmlab.layers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.RepeatedTest;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.layers.feedforward.Gelu;

/**
 * Guards the DJL scalar bug: a garbage collection between forward and backward must not change
 * gradients of graphs that scale by constants (attention scaling, tanh GELU).
 */
class ScalarGradientTest {

    @RepeatedTest(5)
    void gradientsSurviveAGarbageCollectionBetweenForwardAndBackward() {
        float[] expected = gradient(false);
        float[] afterGc = gradient(true);
        assertArrayEquals(expected, afterGc, 0f);
    }

    private static float[] gradient(boolean collectGarbage) {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            NDArray x = manager.create(new float[] {-2f, -0.5f, 0.1f, 0.7f, 1.5f, 3f}, new Shape(2, 3));
            x.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray y = Gelu.TANH.apply(Scalars.dividedBy(Scalars.times(x, 3f), 0.5f)).sum();
                if (collectGarbage) {
                    churnAndCollect();
                }
                collector.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    /** Allocates and drops direct buffers so freed native memory is reused, then collects. */
    private static void churnAndCollect() {
        for (int i = 0; i < 50; i++) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(1 << 12);
            buffer.putFloat(0, 777f);
        }
        System.gc();
        System.runFinalization();
        for (int i = 0; i < 200; i++) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(4);
            buffer.putFloat(0, 777f);
        }
    }
}
