package org.lmlab.models.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The reference building blocks against values computed elsewhere (mpmath at 40 digits) or by hand. */
class ReferenceMathTest {

    /** x * Phi(x), from mpmath with 40 significant digits. */
    @ParameterizedTest(name = "gelu({0})")
    @CsvSource({
            "1.0, 0.84134474606854294859",
            "-3.0, -0.00404969409489028358",
            "0.5, 0.34573123063700655182",
            "-0.5, -0.15426876936299344818",
            "2.5, 2.4844758366855596621",
            "-8.0, -4.9767684594174272988e-15"})
    void geluErfMatchesHighPrecisionValues(double x, double expected) {
        assertEquals(expected, ReferenceMath.geluErf(x), Math.abs(expected) * 1e-14);
    }

    /** gelu_new from Python's math.tanh, i.e. the same formula evaluated independently. */
    @ParameterizedTest(name = "gelu_new({0})")
    @CsvSource({
            "1.0, 0.8411919906082768",
            "-3.0, -0.0036373920817729943",
            "0.5, 0.34571400982514394",
            "2.5, 2.484915733910001"})
    void geluTanhMatchesTheFormula(double x, double expected) {
        assertEquals(expected, ReferenceMath.geluTanh(x), Math.abs(expected) * 1e-15);
    }

    @Test
    void activationsAreLookedUpByHuggingFaceName() {
        assertEquals(ReferenceMath.geluErf(0.7), ReferenceMath.activation("gelu").applyAsDouble(0.7));
        assertEquals(ReferenceMath.geluTanh(0.7), ReferenceMath.activation("gelu_new").applyAsDouble(0.7));
        assertEquals(0.0, ReferenceMath.activation("relu").applyAsDouble(-2));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ReferenceMath.activation("swish"));
        assertTrue(unknown.getMessage().contains("gelu_new"), unknown.getMessage());
    }

    @Test
    void layerNormUsesTheBiasedVarianceAndEpsilon() {
        double s = Math.sqrt(1.5); // (x - mean) / sqrt(2/3) for x - mean = -1, 0, 1
        assertArrayEquals(new double[] {-s, 0, s},
                ReferenceMath.layerNorm(new double[] {1, 2, 3}, new double[] {1, 1, 1}, new double[3], 0), 1e-15);
        double withEps = 1 / Math.sqrt(2.0 / 3 + 1.0 / 3);
        assertArrayEquals(new double[] {-2 * withEps + 0.5, 0 - 1, 3 * withEps},
                ReferenceMath.layerNorm(new double[] {1, 2, 3}, new double[] {2, 1, 3}, new double[] {0.5, -1, 0}, 1.0 / 3), 1e-15);
    }

    @Test
    void conv1dAndLinearUseTheirOwnWeightLayouts() {
        double[][] inOut = {{1, 2, 3}, {4, 5, 6}};          // Conv1D: 2 inputs, 3 outputs
        assertArrayEquals(new double[] {-1 + 1 * 1 + 2.25 * 4, 0 + 1 * 2 + 2.25 * 5, 1 + 1 * 3 + 2.25 * 6},
                ReferenceMath.conv1d(new double[] {1, 2.25}, inOut, new double[] {-1, 0, 1}), 1e-15);
        double[][] outIn = {{1, 4}, {2, 5}, {3, 6}};        // the same map as nn.Linear
        assertArrayEquals(ReferenceMath.conv1d(new double[] {1, 2.25}, inOut, new double[3]),
                ReferenceMath.linear(new double[] {1, 2.25}, outIn, null), 0.0);
    }

    @Test
    void softmaxIsStableAndNormalised() {
        double[] p = ReferenceMath.softmax(new double[] {1000, 999, -1000});
        assertEquals(1 / (1 + Math.exp(-1)), p[0], 1e-15);
        assertEquals(1.0, Arrays.stream(p).sum(), 1e-15);
        assertEquals(0.0, ReferenceMath.softmax(new double[] {0, Double.NEGATIVE_INFINITY})[1]);
        assertEquals(Math.log(p[1]), ReferenceMath.logSoftmaxAt(new double[] {1000, 999, -1000}, 1), 1e-12);
    }
}
