package org.lmlab.layers.feedforward;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.function.UnaryOperator;
import org.lmlab.layers.core.Scalars;

/** The two forms of GELU: exact (erf, as BERT) and the tanh approximation (as GPT-2's "gelu_new"). */
public enum Gelu implements UnaryOperator<NDArray> {

    /** {@code x * Phi(x)} with the exact normal CDF. */
    ERF {
        @Override
        public NDArray apply(NDArray x) {
            return Activation.gelu(x);
        }
    },

    /** {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. */
    TANH {
        @Override
        public NDArray apply(NDArray x) {
            NDArray cube = x.mul(x).mul(x);
            NDArray inner = Scalars.times(x.add(Scalars.times(cube, 0.044715f)), (float) Math.sqrt(2 / Math.PI));
            return Scalars.times(x.mul(inner.tanh().add(1f)), 0.5f);
        }
    }
}
