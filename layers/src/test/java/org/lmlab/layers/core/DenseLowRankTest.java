package org.lmlab.layers.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lmlab.layers.engine.OfflineEngine;

/**
 * The low-rank delta of {@link Dense} on numbers worked by hand: W = [[1,2,3],[4,5,6]],
 * b = [0.5,-0.5], A = [[1,0,-1]], B = [[2],[3]], scale 0.5 and x = [1,1,2] give
 * W·x + b = [9.5, 20.5], scale·B·(A·x) = [-1, -1.5], so y = [8.5, 19]; merging makes
 * W = [[2,2,2],[5.5,5,4.5]], which gives the same y and leaves only weight and bias.
 */
class DenseLowRankTest {

    @Test
    void theDeltaAddsScaledBTimesAAndMergesIntoTheWeight() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            Dense dense = new Dense(3, 2, true, new BuildContext(3, 1, InitConfig.GPT2), false);
            dense.initialize(manager);
            HostCopy.into(dense.namedParameters().get("weight").getArray(), new float[] {1, 2, 3, 4, 5, 6});
            HostCopy.into(dense.namedParameters().get("bias").getArray(), new float[] {0.5f, -0.5f});
            NDArray x = manager.create(new float[] {1, 1, 2}, new Shape(1, 3));
            assertArrayEquals(new float[] {9.5f, 20.5f}, dense.apply(x).toFloatArray());

            dense.addLowRank(1, 0.5f, (m, shape, type) -> m.create(new float[] {1, 0, -1}, shape),
                    (m, shape, type) -> m.create(new float[] {2, 3}, shape));
            assertEquals(List.of("weight", "bias", "lora_a", "lora_b"), List.copyOf(dense.namedParameters().keySet()));
            assertEquals(new Shape(1, 3), dense.namedParameters().get("lora_a").getShape());
            assertEquals(new Shape(2, 1), dense.namedParameters().get("lora_b").getShape());
            assertEquals(1, dense.lowRank());
            assertArrayEquals(new float[] {8.5f, 19f}, dense.apply(x).toFloatArray());
            assertThrows(IllegalStateException.class, () -> dense.addLowRank(1, 1f, null, null));

            dense.mergeLowRank();
            assertEquals(List.of("weight", "bias"), List.copyOf(dense.namedParameters().keySet()));
            assertEquals(0, dense.lowRank());
            assertArrayEquals(new float[] {2, 2, 2, 5.5f, 5, 4.5f}, dense.namedParameters().get("weight").getArray().toFloatArray());
            assertArrayEquals(new float[] {8.5f, 19f}, dense.apply(x).toFloatArray());
        }
    }

    @Test
    void aDeltaAddedBeforeInitializationIsAllocatedWithTheLayer() {
        try (NDManager manager = OfflineEngine.get().newBaseManager()) {
            Dense dense = new Dense(4, 2, false, new BuildContext(4, 1, InitConfig.GPT2), false);
            dense.addLowRank(3, 2f, (m, shape, type) -> m.ones(shape), (m, shape, type) -> m.zeros(shape));
            assertEquals(4 * 2 + 3 * 4 + 2 * 3, dense.namedParameters().values().stream().mapToLong(p -> p.getShape().size()).sum());
            dense.initialize(manager);
            float[] ones = new float[12];
            java.util.Arrays.fill(ones, 1f);
            assertArrayEquals(ones, dense.namedParameters().get("lora_a").getArray().toFloatArray());
            assertArrayEquals(new float[6], dense.namedParameters().get("lora_b").getArray().toFloatArray());
        }
    }
}
