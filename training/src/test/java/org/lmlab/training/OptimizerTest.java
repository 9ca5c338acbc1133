package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.training.optim.AdamW;
import org.lmlab.training.optim.AdamWConfig;
import org.lmlab.training.optim.Gradients;
import org.lmlab.training.optim.LrSchedule;
import org.lmlab.training.optim.ScheduleConfig;

class OptimizerTest {

    private static final float[] W = {0.5f, -1.0f, 2.0f, 0.25f, -0.75f, 1.5f};
    private static final float[] C = {1.0f, -2.0f, 0.5f, 3.0f, -0.5f, 0.1f};
    private static final float[] B = {0.3f, -0.2f, 0.9f};

    private static Parameter parameter(NDManager manager, String name, float[] values, Shape shape) {
        NDArray array = manager.create(values, shape);
        array.setRequiresGradient(true);
        return Parameter.builder().setName(name).setType(Parameter.Type.OTHER).optArray(array).build();
    }

    /** Loss sum(w * c) + sum(b * b): gradients c for the matrix and 2b for the bias. */
    private static void backward(NDManager manager, Parameter w, Parameter b) {
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray c = manager.create(C, new Shape(2, 3));
            collector.backward(w.getArray().mul(c).sum().add(b.getArray().square().sum()));
        }
    }

    @Test
    void twoUpdatesMatchAHandComputedAdamWThatDecaysOnlyMatrices() {
        AdamWConfig config = new AdamWConfig(0.9, 0.95, 1e-8, 0.1);
        double[] lrs = {0.01, 0.02};
        double[] w = toDouble(W);
        double[] b = toDouble(B);
        double[] mw = new double[6];
        double[] vw = new double[6];
        double[] mb = new double[3];
        double[] vb = new double[3];
        for (int t = 1; t <= 2; t++) {
            double lr = lrs[t - 1];
            double c1 = 1 - Math.pow(0.9, t);
            double c2 = 1 - Math.pow(0.95, t);
            for (int i = 0; i < 6; i++) {
                double g = C[i];
                w[i] *= 1 - lr * 0.1;
                mw[i] = 0.9 * mw[i] + 0.1 * g;
                vw[i] = 0.95 * vw[i] + 0.05 * g * g;
                w[i] -= lr / c1 * mw[i] / (Math.sqrt(vw[i]) / Math.sqrt(c2) + 1e-8);
            }
            for (int i = 0; i < 3; i++) {
                double g = 2 * b[i];
                mb[i] = 0.9 * mb[i] + 0.1 * g;
                vb[i] = 0.95 * vb[i] + 0.05 * g * g;
                b[i] -= lr / c1 * mb[i] / (Math.sqrt(vb[i]) / Math.sqrt(c2) + 1e-8);
            }
        }
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            Parameter wp = parameter(manager, "w", W, new Shape(2, 3));
            Parameter bp = parameter(manager, "b", B, new Shape(3));
            Parameter unused = parameter(manager, "unused", new float[] {4f, 5f}, new Shape(1, 2));
            Map<String, Parameter> parameters = new LinkedHashMap<>();
            parameters.put("w", wp);
            parameters.put("b", bp);
            parameters.put("unused", unused);
            try (AdamW optimizer = new AdamW(parameters, config, manager)) {
                for (int t = 0; t < 2; t++) {
                    backward(manager, wp, bp);
                    optimizer.step(lrs[t], 1.0);
                    Gradients.zero(parameters.values());
                }
                assertEquals(2, optimizer.updates());
                assertClose(w, wp.getArray().toFloatArray(), "w");
                assertClose(b, bp.getArray().toFloatArray(), "b");
                // No gradient, no update and no decay, as in PyTorch.
                assertArrayEquals(new float[] {4f, 5f}, unused.getArray().toFloatArray());
                Map<String, HostTensor> state = optimizer.exportState().stream()
                        .collect(Collectors.toMap(HostTensor::name, tensor -> tensor));
                assertClose(mw, state.get("m.w").data(), "m.w");
                assertClose(vb, state.get("v.b").data(), "v.b");
            }
        }
    }

    @Test
    void clippingScalesByTheGlobalNorm() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            Parameter wp = parameter(manager, "w", W, new Shape(2, 3));
            Parameter bp = parameter(manager, "b", B, new Shape(3));
            backward(manager, wp, bp);
            double squares = 0;
            for (float c : C) {
                squares += c * c;
            }
            for (float b : B) {
                squares += 4 * b * b;
            }
            double norm = Gradients.globalNorm(List.of(wp, bp));
            assertEquals(Math.sqrt(squares), norm, 1e-5);
            assertEquals(1.0, Gradients.clipFactor(norm, 10.0));
            assertEquals(1.0, Gradients.clipFactor(norm, 0.0));
            assertEquals(1.0 / (norm + 1e-6), Gradients.clipFactor(norm, 1.0), 1e-12);
            // A clipped update moves the weights as if the gradient were scaled: with lr 1, no decay
            // and one step, Adam moves each weight by about the sign of its gradient either way,
            // so check instead the first moment, which is linear in the gradient.
            try (AdamW optimizer = new AdamW(Map.of("w", wp), new AdamWConfig(0.9, 0.999, 1e-8, 0), manager)) {
                optimizer.step(0.0, 0.5);
                float[] m = optimizer.exportState().stream().filter(t -> t.name().equals("m.w")).findFirst().orElseThrow().data();
                for (int i = 0; i < 6; i++) {
                    assertEquals(0.1 * 0.5 * C[i], m[i], 1e-7);
                }
            }
            Gradients.zero(List.of(wp, bp));
            assertEquals(0.0, Gradients.globalNorm(List.of(wp, bp)));
        }
    }

    @Test
    void scheduleWarmsUpLinearlyThenFollowsTheCosineToTheFloor() {
        LrSchedule schedule = new ScheduleConfig(1e-3, 4, 1e-4).over(14);
        assertEquals(2.5e-4, schedule.lr(0), 1e-15);
        assertEquals(7.5e-4, schedule.lr(2), 1e-15);
        assertEquals(1e-3, schedule.lr(3), 1e-15);
        assertEquals(1e-3, schedule.lr(4), 1e-15);
        assertEquals(1e-4 + 9e-4 * 0.5, schedule.lr(9), 1e-15);
        assertEquals(1e-4 + 9e-4 * 0.5 * (1 + Math.cos(Math.PI * 0.9)), schedule.lr(13), 1e-15);
        assertEquals(1e-4, schedule.lr(14), 1e-15);
        assertEquals(4e-4, ScheduleConfig.constant(4e-4).over(90).lr(57), 0);
        assertThrows(IllegalArgumentException.class, () -> new ScheduleConfig(1e-3, 0, 2e-3));
    }

    private static double[] toDouble(float[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }

    private static void assertClose(double[] expected, float[] actual, String name) {
        assertEquals(expected.length, actual.length, name);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 2e-6 * Math.max(1, Math.abs(expected[i])), name + "[" + i + "]");
        }
    }
}
