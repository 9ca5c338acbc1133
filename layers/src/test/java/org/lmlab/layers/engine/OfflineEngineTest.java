package org.lmlab.layers.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * The engine starts from the native library on the class path, with the network closed
 * (surefire points every Java proxy at a closed local port and sets ai.djl.offline), and
 * runs a forward and backward pass.
 */
class OfflineEngineTest {

    @Test
    void startsOfflineWithPinnedThreads() {
        Engine engine = OfflineEngine.get();
        assertEquals("PyTorch", engine.getEngineName());
        assertEquals("2.7.1", engine.getVersion());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        EngineSettings expected = EngineSettings.fromSystemProperties();
        assertEquals(expected, OfflineEngine.settings());
        assertEquals(expected.threads(), OfflineEngine.nativeThreads());
        assertEquals(expected.interopThreads(), OfflineEngine.nativeInteropThreads());
    }

    @Test
    void refusesToRestartWithOtherThreads() {
        OfflineEngine.get();
        EngineSettings running = OfflineEngine.settings();
        EngineSettings other = new EngineSettings(running.threads() + 1, running.interopThreads());
        assertThrows(IllegalStateException.class, () -> OfflineEngine.start(other));
    }

    @Test
    void forwardAndBackwardGiveTheAnalyticGradient() {
        // loss = sum((x . w^T)^2), so dloss/dw = 2 * (x . w^T)^T . x
        float[] x = {1, 2, 3, -1, 0.5f, 4};
        float[] w = {0.1f, -0.2f, 0.3f, 0.7f, 0.05f, -0.4f};
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            NDArray xs = manager.create(x, new Shape(2, 3));
            NDArray ws = manager.create(w, new Shape(2, 3));
            ws.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray y = xs.matMul(ws.transpose());
                NDArray loss = y.mul(y).sum();
                collector.backward(loss);
            }
            float[] gradient = ws.getGradient().toFloatArray();
            assertArrayEquals(analyticGradient(x, w), gradient, 1e-5f);
        }
    }

    private static float[] analyticGradient(float[] x, float[] w) {
        double[][] y = new double[2][2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < 3; k++) {
                    y[i][j] += x[i * 3 + k] * w[j * 3 + k];
                }
            }
        }
        float[] g = new float[6];
        for (int j = 0; j < 2; j++) {
            for (int k = 0; k < 3; k++) {
                double sum = 0;
                for (int i = 0; i < 2; i++) {
                    sum += 2 * y[i][j] * x[i * 3 + k];
                }
                g[j * 3 + k] = (float) sum;
            }
        }
        return g;
    }
}
