package org.lmlab.models.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writer output read back by the reader, byte-exact determinism, and the writer's own checks. */
class SafetensorsRoundTripTest {

    @TempDir
    Path directory;

    @Test
    void writesTheExactHeaderAndDataBytes() throws IOException {
        Path path = directory.resolve("one.safetensors");
        SafetensorsWriter.write(path, List.of(new HostTensor("w", new long[] {2}, new float[] {1.5f, -2f})),
                Map.of("format", "pt"));
        String header = "{\"__metadata__\":{\"format\":\"pt\"},\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        byte[] expected = RawSafetensors.file(RawSafetensors.padded(header), RawSafetensors.floatsLe(1.5f, -2f));
        assertArrayEquals(expected, Files.readAllBytes(path));
        assertEquals(88, RawSafetensors.padded(header).length()); // 82 bytes of JSON plus 6 spaces
    }

    @Test
    void roundTripsShapesValuesNamesAndMetadata() throws IOException {
        List<HostTensor> tensors = sampleTensors();
        Path path = directory.resolve("model.safetensors");
        SafetensorsWriter.write(path, tensors, Map.of("format", "pt", "note", "ünï"));
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            assertEquals(List.of("a.scalar", "b.matrix", "empty", "h.0.ünï/名"), file.names());
            assertEquals(Map.of("format", "pt", "note", "ünï"), file.metadata());
            for (HostTensor tensor : tensors) {
                assertEquals(tensor, file.tensor(tensor.name()));
                assertEquals(Dtype.F32, file.info(tensor.name()).dtype());
            }
            assertArrayEquals(new long[] {}, file.info("a.scalar").shape());
            assertArrayEquals(new long[] {0, 5}, file.info("empty").shape());
        }
    }

    @Test
    void sameTensorsInAnyOrderGiveByteIdenticalFilesAndRewritesAreIdentical() throws IOException {
        List<HostTensor> tensors = sampleTensors();
        List<HostTensor> shuffled = new ArrayList<>(tensors);
        Collections.shuffle(shuffled, new Random(3));
        Path first = directory.resolve("first.safetensors");
        Path second = directory.resolve("second.safetensors");
        SafetensorsWriter.write(first, tensors, Map.of("b", "2", "a", "1"));
        SafetensorsWriter.write(second, shuffled, new java.util.TreeMap<>(Map.of("a", "1", "b", "2")));
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));

        Path rewritten = directory.resolve("rewritten.safetensors");
        try (SafetensorsFile file = SafetensorsFile.open(first)) {
            List<HostTensor> read = new ArrayList<>();
            for (String name : file.names()) {
                read.add(file.tensor(name));
            }
            SafetensorsWriter.write(rewritten, read, file.metadata());
        }
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(rewritten));
    }

    @Test
    void headerIsPaddedWithSpacesToAMultipleOfEight() throws IOException {
        for (int nameLength = 1; nameLength <= 9; nameLength++) {
            Path path = directory.resolve("pad" + nameLength + ".safetensors");
            SafetensorsWriter.write(path, List.of(new HostTensor("x".repeat(nameLength), new long[] {1}, new float[] {1})),
                    Map.of());
            byte[] bytes = Files.readAllBytes(path);
            long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(0, headerLength % 8);
            String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
            String json = header.stripTrailing();
            assertTrue(json.endsWith("}") && header.substring(json.length()).chars().allMatch(c -> c == ' '), header);
            assertTrue(header.length() - json.length() < 8, header);
        }
    }

    @Test
    void writesF16Bf16AndF64WithCorrectRounding() throws IOException {
        float[] values = {1f, -2f, 1f / 3f, 65504f, 1e-7f, 70000f, Float.NEGATIVE_INFINITY, 0.1f};
        HostTensor tensor = new HostTensor("v", new long[] {2, 4}, values);
        for (Dtype dtype : List.of(Dtype.F16, Dtype.BF16, Dtype.F64, Dtype.F32)) {
            Path path = directory.resolve(dtype + ".safetensors");
            SafetensorsWriter.write(path, List.of(tensor), Map.of(), dtype);
            try (SafetensorsFile file = SafetensorsFile.open(path)) {
                assertEquals(dtype, file.info("v").dtype());
                assertEquals(values.length * (long) dtype.byteSize(), file.info("v").byteLength());
                float[] read = file.floats("v");
                for (int i = 0; i < values.length; i++) {
                    assertEquals(expectedAfter(dtype, values[i]), read[i], 0f, dtype + " element " + i);
                }
            }
        }
        try (SafetensorsFile f16 = SafetensorsFile.open(directory.resolve("F16.safetensors"))) {
            float[] read = f16.floats("v");
            assertEquals(0.333251953125f, read[2]);
            assertEquals(Float.POSITIVE_INFINITY, read[5]);      // 70000 overflows F16
            assertEquals(1.1920928955078125E-7f, read[4]);      // 2 * 2^-24, the nearest subnormal
        }
    }

    @Test
    void refusesDuplicateOrReservedNamesAndIntegerDtypesWithoutTouchingAnExistingFile() throws IOException {
        Path path = directory.resolve("keep.safetensors");
        SafetensorsWriter.write(path, List.of(new HostTensor("w", new long[] {1}, new float[] {7})), Map.of());
        byte[] before = Files.readAllBytes(path);
        HostTensor w = new HostTensor("w", new long[] {1}, new float[] {1});
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.write(path, List.of(w, w), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.write(path,
                List.of(new HostTensor("__metadata__", new long[] {1}, new float[] {1})), Map.of()));
        IllegalArgumentException integer = assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.write(path, List.of(w), Map.of(), Dtype.I64));
        assertTrue(integer.getMessage().contains("I64"), integer.getMessage());
        assertArrayEquals(before, Files.readAllBytes(path));
        assertEquals(List.of(path), listDirectory());
    }

    @Test
    void writesNoTensorsAsAValidEmptyFile() throws IOException {
        Path path = directory.resolve("empty.safetensors");
        SafetensorsWriter.write(path, List.of(), Map.of());
        assertArrayEquals(RawSafetensors.file("{}      ", new byte[0]), Files.readAllBytes(path));
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            assertEquals(List.of(), file.names());
            assertEquals(Map.of(), file.metadata());
        }
    }

    @Test
    void roundTripsALargeTensorAcrossReadChunks() throws IOException {
        float[] values = new float[700_001]; // 2.8 MB: three read chunks of 1 MiB, the last partial
        Random random = new Random(11);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        Path path = directory.resolve("large.safetensors");
        SafetensorsWriter.write(path, List.of(new HostTensor("big", new long[] {700_001}, values)), Map.of());
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            assertArrayEquals(values, file.floats("big"));
        }
    }

    private List<Path> listDirectory() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    private static float expectedAfter(Dtype dtype, float value) {
        return switch (dtype) {
            case F16 -> HalfFloats.f16ToFloat(HalfFloats.floatToF16(value));
            case BF16 -> HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(value));
            default -> value;
        };
    }

    private static List<HostTensor> sampleTensors() {
        float[] matrix = {-2.5f / 3f, -1.5f / 3f, -0.5f / 3f, 0.5f / 3f, 1.5f / 3f, 2.5f / 3f};
        return List.of(
                new HostTensor("h.0.ünï/名", new long[] {4}, new float[] {Float.MIN_VALUE, -0f, Float.MAX_VALUE, Float.NaN}),
                new HostTensor("b.matrix", new long[] {2, 3}, matrix),
                new HostTensor("empty", new long[] {0, 5}, new float[0]),
                new HostTensor("a.scalar", new long[] {}, new float[] {42.25f}));
    }
}
