package org.lmlab.models.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The host tensor record's validation, ownership rules and value equality. */
class HostTensorTest {

    @Test
    void rejectsADataLengthThatDoesNotMatchTheShape() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new HostTensor("w", new long[] {2, 3}, new float[5]));
        assertEquals("tensor 'w': shape [2, 3] needs 6 elements but data has 5", error.getMessage());
    }

    @Test
    void rejectsNegativeDimensionsOverflowingShapesAndEmptyNames() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HostTensor("w", new long[] {-1}, new float[0]))
                .getMessage().contains("negative dimension at axis 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new HostTensor("w", new long[] {1L << 40, 1L << 40}, new float[0])).getMessage().contains("more than"));
        assertThrows(IllegalArgumentException.class, () -> new HostTensor("", new long[] {0}, new float[0]));
    }

    @Test
    void copiesTheShapeButOwnsTheData() {
        long[] shape = {2};
        float[] data = {1, 2};
        HostTensor tensor = new HostTensor("w", shape, data);
        shape[0] = 99;
        tensor.shape()[0] = 77;
        assertArrayEquals(new long[] {2}, tensor.shape());
        assertSame(data, tensor.data());
    }

    @Test
    void equalityIsByContent() {
        HostTensor a = new HostTensor("w", new long[] {2}, new float[] {1, 2});
        assertEquals(a, new HostTensor("w", new long[] {2}, new float[] {1, 2}));
        assertEquals(a.hashCode(), new HostTensor("w", new long[] {2}, new float[] {1, 2}).hashCode());
        assertNotEquals(a, new HostTensor("w", new long[] {1, 2}, new float[] {1, 2}));
        assertNotEquals(a, new HostTensor("w", new long[] {2}, new float[] {1, 3}));
        assertEquals(new HostTensor("s", new long[] {}, new float[] {5}).data().length, 1);
    }
}
