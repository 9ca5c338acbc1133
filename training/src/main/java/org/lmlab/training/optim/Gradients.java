package org.lmlab.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Collection;

/**
 * Reading, measuring and clearing parameter gradients. DJL's PyTorch engine accumulates
 * gradients across backward calls and never clears them, and each read of a gradient makes a
 * new array handle in the parameter's manager; these helpers read through
 * {@link JniUtils#getGradient} (null when a parameter got no gradient, say an unused pooler),
 * and callers run them inside an {@link NDScope} so the handles are released.
 */
public final class Gradients {

    private Gradients() {
    }

    /** The parameter's accumulated gradient, or null if backward never reached it. */
    public static NDArray of(Parameter parameter) {
        return JniUtils.getGradient((PtNDArray) parameter.getArray());
    }

    /** The L2 norm of all gradients together (PyTorch's {@code clip_grad_norm_} total norm). */
    public static double globalNorm(Collection<Parameter> parameters) {
        double squares = 0;
        try (NDScope scope = new NDScope()) {
            for (Parameter parameter : parameters) {
                NDArray gradient = of(parameter);
                if (gradient != null) {
                    double norm = gradient.norm().getFloat();
                    squares += norm * norm;
                }
            }
        }
        return Math.sqrt(squares);
    }

    /**
     * The factor that scales gradients of global norm {@code norm} down to {@code maxNorm}
     * (1 when they are already within it, or clipping is off with {@code maxNorm <= 0});
     * PyTorch's {@code max_norm / (norm + 1e-6)}.
     */
    public static double clipFactor(double norm, double maxNorm) {
        if (maxNorm <= 0 || norm <= maxNorm) {
            return 1.0;
        }
        return maxNorm / (norm + 1e-6);
    }

    /** Sets every accumulated gradient to zero, ready for the next step. */
    public static void zero(Collection<Parameter> parameters) {
        try (NDScope scope = new NDScope()) {
            for (Parameter parameter : parameters) {
                if (of(parameter) != null) {
                    JniUtils.zeroGrad((PtNDArray) parameter.getArray());
                }
            }
        }
    }
}
