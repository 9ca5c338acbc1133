package org.lmlab.models.reference;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.special.Erf;

/**
 * The float64 arithmetic the reference models are made of, written plainly so that each step
 * can be checked by eye against the Hugging Face modelling code: LayerNorm, Conv1D and Linear
 * products, a numerically stable softmax, and the activations by their Hugging Face names.
 */
final class ReferenceMath {

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double SQRT_HALF = Math.sqrt(0.5);

    /** Hugging Face's {@code ACT2FN} names for the activations the references support. */
    private static final Map<String, DoubleUnaryOperator> ACTIVATIONS = new TreeMap<>(Map.of(
            "gelu", ReferenceMath::geluErf,
            "gelu_new", ReferenceMath::geluTanh,
            "gelu_pytorch_tanh", ReferenceMath::geluTanh,
            "relu", x -> Math.max(0, x)));

    private ReferenceMath() {
    }

    /** The activation Hugging Face calls {@code name}. */
    static DoubleUnaryOperator activation(String name) {
        DoubleUnaryOperator activation = ACTIVATIONS.get(name);
        if (activation == null) {
            throw new IllegalArgumentException("unsupported activation '" + name + "' (supported: " + ACTIVATIONS.keySet() + ")");
        }
        return activation;
    }

    /** GELU, exact form: {@code x * Phi(x) = 0.5 x erfc(-x / sqrt 2)} (erfc avoids cancellation for negative x). */
    static double geluErf(double x) {
        return 0.5 * x * Erf.erfc(-x * SQRT_HALF);
    }

    /** GELU, tanh approximation ({@code gelu_new}): {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. */
    static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
    }

    /** LayerNorm over the whole vector: biased variance, {@code eps} inside the square root. */
    static double[] layerNorm(double[] x, double[] gamma, double[] beta, double eps) {
        double mean = 0;
        for (double value : x) {
            mean += value;
        }
        mean /= x.length;
        double variance = 0;
        for (double value : x) {
            variance += (value - mean) * (value - mean);
        }
        variance /= x.length;
        double scale = 1 / Math.sqrt(variance + eps);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (x[i] - mean) * scale * gamma[i] + beta[i];
        }
        return out;
    }

    /** Hugging Face {@code Conv1D}: {@code x W + b} with {@code W} stored [in][out]. */
    static double[] conv1d(double[] x, double[][] weightInOut, double[] bias) {
        double[] out = bias.clone();
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < out.length; o++) {
                out[o] += x[i] * weightInOut[i][o];
            }
        }
        return out;
    }

    /** PyTorch {@code nn.Linear}: {@code W x + b} with {@code W} stored [out][in]; {@code bias} may be null. */
    static double[] linear(double[] x, double[][] weightOutIn, double[] bias) {
        double[] out = new double[weightOutIn.length];
        for (int o = 0; o < out.length; o++) {
            out[o] = (bias == null ? 0 : bias[o]) + dot(weightOutIn[o], x);
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static double[] add(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    static double[] map(double[] x, DoubleUnaryOperator function) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = function.applyAsDouble(x[i]);
        }
        return out;
    }

    /** Softmax with the maximum subtracted first, so large scores cannot overflow. */
    static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double score : scores) {
            max = Math.max(max, score);
        }
        double[] out = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            out[i] = Math.exp(scores[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** {@code log softmax(scores)[index]}, computed as {@code score - max - log sum exp(score - max)}. */
    static double logSoftmaxAt(double[] scores, int index) {
        double max = Double.NEGATIVE_INFINITY;
        for (double score : scores) {
            max = Math.max(max, score);
        }
        double sum = 0;
        for (double score : scores) {
            sum += Math.exp(score - max);
        }
        return scores[index] - max - Math.log(sum);
    }
}
