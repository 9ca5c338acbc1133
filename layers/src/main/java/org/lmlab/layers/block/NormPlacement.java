package org.lmlab.layers.block;

import ai.djl.ndarray.NDArray;
import java.util.function.UnaryOperator;
import org.lmlab.layers.norm.Norm;

/** Where a block normalises: before each sublayer (GPT-2, stable when deep) or after the residual sum (original Transformer, BERT). */
public enum NormPlacement {

    /** {@code x + sublayer(norm(x))}. */
    PRE {
        @Override
        NDArray residual(NDArray x, Norm norm, UnaryOperator<NDArray> sublayer) {
            return x.add(sublayer.apply(norm.apply(x)));
        }
    },

    /** {@code norm(x + sublayer(x))}. */
    POST {
        @Override
        NDArray residual(NDArray x, Norm norm, UnaryOperator<NDArray> sublayer) {
            return norm.apply(x.add(sublayer.apply(x)));
        }
    };

    abstract NDArray residual(NDArray x, Norm norm, UnaryOperator<NDArray> sublayer);
}
