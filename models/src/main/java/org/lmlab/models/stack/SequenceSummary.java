package org.lmlab.models.stack;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * Which position stands for the whole sequence when a classifier needs one vector: a decoder
 * has seen everything only at its last real token; an encoder reads [CLS] at position 0.
 */
public enum SequenceSummary {

    /** The last non-padding position of each row (a causal model's only position that saw the whole text). */
    LAST_TOKEN {
        @Override
        public NDArray select(NDArray hidden, NDArray padding) {
            long batch = hidden.getShape().get(0);
            long length = hidden.getShape().get(1);
            long width = hidden.getShape().get(2);
            NDArray last = padding == null
                    ? hidden.getManager().full(new ai.djl.ndarray.types.Shape(batch), length - 1, DataType.INT64)
                    : padding.toType(DataType.INT64, false).sum(new int[] {1}).sub(1);
            NDArray index = last.reshape(batch, 1, 1).broadcast(batch, 1, width);
            return hidden.gather(index, 1).squeeze(1);
        }
    },

    /** Position 0 ([CLS] in BERT). */
    FIRST_TOKEN {
        @Override
        public NDArray select(NDArray hidden, NDArray padding) {
            return hidden.get(new NDIndex(":, 0, :"));
        }
    };

    /** One vector [B, width] per row of hidden states [B, T, width]; padding [B, T] is 1 for real tokens, or null. */
    public abstract NDArray select(NDArray hidden, NDArray padding);
}
