package org.lmlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.engine.OfflineEngine;
import org.lmlab.models.safetensors.HostTensor;
import org.lmlab.training.optim.AdamW;
import org.lmlab.training.optim.AdamWConfig;

/**
 * The fused one-pass AdamW update against the update the engine's tensor operations computed
 * before it (kept here: the same rearranged arithmetic as in-place muls, adds, pow 0.5 and
 * pow -1 on float32 tensors) and against float64, on a matrix large enough to be split into
 * several chunks and a bias that does not decay, with clipping, over several updates each
 * started from the same state. The moments are plain multiply-adds and come out bit-identical.
 * The step goes through a square root and a reciprocal: the fused loop rounds them correctly,
 * while the engine's vectorised pow kernel is off by one ulp on about 2% of elements (measured
 * here), so the applied step is compared with float64 in ulps of the step: the fused one within
 * 4 (seven float32 roundings of at most half an ulp: the two constants, the root, the epsilon
 * sum, the reciprocal and two products), and never further than the tensor version.
 */
class FusedAdamWTest {

    private static final AdamWConfig CONFIG = new AdamWConfig(0.9, 0.95, 1e-8, 0.1);

    @Test
    void theFusedUpdateKeepsTheMomentsBitExactAndStepsAtLeastAsCloseToFloat64() {
        SplittableRandom random = new SplittableRandom(7);
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            Parameter matrix = parameter(manager, "w", random, new Shape(300, 301));
            Parameter bias = parameter(manager, "b", random, new Shape(301));
            Map<String, Parameter> parameters = new LinkedHashMap<>();
            parameters.put("w", matrix);
            parameters.put("b", bias);
            int worstFused = 0;
            int worstTensor = 0;
            try (AdamW fused = new AdamW(parameters, CONFIG, manager)) {
                for (int t = 1; t <= 4; t++) {
                    double lr = 1e-3 * t;
                    double scale = t % 2 == 0 ? 0.7 : 1.0;
                    Map<String, float[]> gradients = backward(manager, parameters, random);
                    Map<String, float[]> moments = new LinkedHashMap<>();
                    for (HostTensor tensor : fused.exportState()) {
                        moments.put(tensor.name(), tensor.data());
                    }
                    Map<String, float[]> before = new LinkedHashMap<>();
                    parameters.forEach((name, p) -> before.put(name, p.getArray().toFloatArray()));
                    Map<String, float[]> expected = new LinkedHashMap<>();
                    for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
                        String name = entry.getKey();
                        expected.putAll(reference(manager, name, entry.getValue().getArray(), gradients.get(name),
                                moments.get("m." + name), moments.get("v." + name), t, lr, scale,
                                entry.getValue().getArray().getShape().dimension() >= 2));
                    }
                    fused.step(lr, scale);
                    for (HostTensor tensor : fused.exportState()) {
                        org.junit.jupiter.api.Assertions.assertArrayEquals(expected.get(tensor.name()), tensor.data(), tensor.name());
                    }
                    for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
                        String name = entry.getKey();
                        float decay = entry.getValue().getArray().getShape().dimension() >= 2
                                ? (float) (1 - lr * CONFIG.weightDecay()) : 1f;
                        double[] exact = exactSteps(expected.get("m." + name), expected.get("v." + name), t, lr);
                        worstFused = Math.max(worstFused, stepUlps(before.get(name), decay, exact,
                                entry.getValue().getArray().toFloatArray()));
                        worstTensor = Math.max(worstTensor, stepUlps(before.get(name), decay, exact, expected.get(name)));
                    }
                    org.lmlab.training.optim.Gradients.zero(parameters.values());
                }
            }
            assertTrue(worstFused <= 4, "fused step off float64 by " + worstFused + " ulps");
            assertTrue(worstFused <= worstTensor, "fused " + worstFused + " ulps, tensor ops " + worstTensor);
        }
    }

    /** The update as the tensor version computed it; returns the new weight ({@code name}) and moments ({@code m.}, {@code v.}). */
    private static Map<String, float[]> reference(NDManager parent, String name, NDArray weights, float[] gradient,
            float[] first, float[] second, long t, double lr, double scale, boolean decays) {
        try (NDManager manager = parent.newSubManager()) {
            Shape shape = weights.getShape();
            NDArray w = manager.create(weights.toFloatArray(), shape);
            NDArray g = manager.create(gradient, shape);
            NDArray m = manager.create(first, shape);
            NDArray v = manager.create(second, shape);
            double correction1 = 1 - Math.pow(CONFIG.beta1(), t);
            double sqrtCorrection2 = Math.sqrt(1 - Math.pow(CONFIG.beta2(), t));
            g.muli(manager.create((float) ((1 - CONFIG.beta1()) * scale)));
            m.muli(manager.create((float) CONFIG.beta1())).addi(g);
            g.muli(g).muli(manager.create((float) ((1 - CONFIG.beta2()) / ((1 - CONFIG.beta1()) * (1 - CONFIG.beta1())))));
            v.muli(manager.create((float) CONFIG.beta2())).addi(g);
            NDArray step = v.duplicate().powi(manager.create(0.5f)).addi(manager.create((float) (CONFIG.epsilon() * sqrtCorrection2)));
            step.powi(manager.create(-1f)).muli(m).muli(manager.create((float) (lr * sqrtCorrection2 / correction1)));
            if (decays) {
                w.muli(manager.create((float) (1 - lr * CONFIG.weightDecay())));
            }
            w.subi(step);
            return Map.of(name, w.toFloatArray(), "m." + name, m.toFloatArray(), "v." + name, v.toFloatArray());
        }
    }

    private static Parameter parameter(NDManager manager, String name, SplittableRandom random, Shape shape) {
        float[] values = new float[(int) shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 0.1);
        }
        NDArray array = manager.create(values, shape);
        array.setRequiresGradient(true);
        return Parameter.builder().setName(name).setType(Parameter.Type.OTHER).optArray(array).build();
    }

    /** Gradients of sum(p * r) for random r of mixed magnitudes: r itself. */
    private static Map<String, float[]> backward(NDManager manager, Map<String, Parameter> parameters, SplittableRandom random) {
        Map<String, float[]> gradients = new LinkedHashMap<>();
        try (NDManager step = manager.newSubManager(); GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray loss = null;
            for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
                NDArray p = entry.getValue().getArray();
                float[] r = new float[(int) p.size()];
                for (int i = 0; i < r.length; i++) {
                    r[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-4, 2)));
                }
                gradients.put(entry.getKey(), r);
                NDArray term = p.mul(step.create(r, p.getShape())).sum();
                loss = loss == null ? term : loss.add(term);
            }
            collector.backward(loss);
        }
        return gradients;
    }

    /** The steps float64 gives from the updated moments (which both versions compute bit-identically). */
    private static double[] exactSteps(float[] first, float[] second, long t, double lr) {
        double[] steps = new double[first.length];
        double correction1 = 1 - Math.pow(CONFIG.beta1(), t);
        double correction2 = 1 - Math.pow(CONFIG.beta2(), t);
        for (int i = 0; i < steps.length; i++) {
            double m = first[i];
            double v = second[i];
            steps[i] = lr * Math.sqrt(correction2) / correction1 * m / (Math.sqrt(v) + CONFIG.epsilon() * Math.sqrt(correction2));
        }
        return steps;
    }

    /** The largest distance of an applied step ({@code before * decay - after}) from float64's, in ulps of the step. */
    private static int stepUlps(float[] before, float decay, double[] exact, float[] after) {
        int worst = 0;
        for (int i = 0; i < exact.length; i++) {
            float decayed = before[i] * decay;
            double applied = (double) decayed - after[i];
            // The subtraction itself rounds to half an ulp of the result.
            double slack = Math.ulp(after[i]) / 2;
            double apart = Math.max(0, Math.abs(applied - exact[i]) - slack);
            worst = Math.max(worst, (int) Math.ceil(apart / Math.ulp((float) Math.abs(exact[i]))));
        }
        return worst;
    }
}
