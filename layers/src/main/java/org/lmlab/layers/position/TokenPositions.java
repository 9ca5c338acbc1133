package org.lmlab.layers.position;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Each row's own positions, for a batch whose rows are at different places in their sequences
 * (batched decoding with a KV cache): the positions of the new tokens, {@code queries} [B, T], and
 * of every key the attention sees after this step's keys are cached, {@code keys} [B, S] (int64).
 * Key columns that are padding may hold any position; the padding mask hides them. {@code highest}
 * is the largest query position, known on the host, so schemes can check it fits without reading
 * the array back.
 */
public record TokenPositions(NDArray queries, NDArray keys, int highest) {

    public TokenPositions {
        if (queries.getShape().dimension() != 2 || keys.getShape().dimension() != 2
                || queries.getShape().get(0) != keys.getShape().get(0)) {
            throw new IllegalArgumentException("positions: expected queries [B, T] and keys [B, S], got "
                    + queries.getShape() + " and " + keys.getShape());
        }
    }

    /** Positions from host values laid out row by row: {@code queries} [rows * T], {@code keys} [rows * S]. */
    public static TokenPositions of(NDManager manager, int rows, long[] queries, long[] keys) {
        if (rows < 1 || queries.length % rows != 0 || keys.length % rows != 0) {
            throw new IllegalArgumentException("positions: " + queries.length + " query and " + keys.length
                    + " key positions do not split into " + rows + " rows");
        }
        long highest = 0;
        for (long position : queries) {
            highest = Math.max(highest, position);
        }
        return new TokenPositions(manager.create(queries, new Shape(rows, queries.length / rows)),
                manager.create(keys, new Shape(rows, keys.length / rows)), (int) highest);
    }

    /** Number of new tokens per row (T). */
    public int length() {
        return (int) queries.getShape().get(1);
    }
}
