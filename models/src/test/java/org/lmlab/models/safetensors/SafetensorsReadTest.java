package org.lmlab.models.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lmlab.models.safetensors.RawSafetensors.concat;
import static org.lmlab.models.safetensors.RawSafetensors.file;
import static org.lmlab.models.safetensors.RawSafetensors.floatsLe;
import static org.lmlab.models.safetensors.RawSafetensors.longsLe;
import static org.lmlab.models.safetensors.RawSafetensors.padded;
import static org.lmlab.models.safetensors.RawSafetensors.shortsLe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading files laid out by other writers, every dtype, and the errors of the reading API. */
class SafetensorsReadTest {

    @TempDir
    Path directory;

    /**
     * The layout of Python's {@code safetensors.torch.save_file}: compact JSON with
     * {@code __metadata__} first, tensors grouped by dtype (widest first) and sorted by name within
     * a group, data in header order, header padded with spaces to a multiple of 8.
     */
    @Test
    void readsAFileLaidOutLikeThePythonLibraryWritesIt() throws IOException {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"embeddings.position_ids\":{\"dtype\":\"I64\",\"shape\":[1,3],\"data_offsets\":[0,24]},"
                + "\"a.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[24,32]},"
                + "\"z.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[32,40]},"
                + "\"ln.weight\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[40,44]},"
                + "\"emb.weight\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[44,52]}}";
        byte[] data = concat(longsLe(0, 1, 2), floatsLe(0.5f, -0.25f), floatsLe(3f, 4f),
                shortsLe(0x3F80, 0xC000), shortsLe(0x3C00, 0xC000, 0x3555, 0x0001));
        Path path = RawSafetensors.write(directory, "python.safetensors", file(padded(header), data));
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            assertEquals(List.of("embeddings.position_ids", "a.bias", "z.weight", "ln.weight", "emb.weight"), file.names());
            assertEquals(Map.of("format", "pt"), file.metadata());
            assertArrayEquals(new long[] {0, 1, 2}, file.longs("embeddings.position_ids"));
            assertArrayEquals(new float[] {0.5f, -0.25f}, file.floats("a.bias"));
            assertArrayEquals(new float[] {3f, 4f}, file.floats("z.weight"));
            assertArrayEquals(new float[] {1f, -2f}, file.floats("ln.weight"));
            assertArrayEquals(new float[] {1f, -2f, 0.333251953125f, 5.9604644775390625E-8f}, file.floats("emb.weight"));
            assertEquals(new TensorInfo("emb.weight", Dtype.F16, new long[] {2, 2}, 44, 52), file.info("emb.weight"));
            assertEquals(new HostTensor("z.weight", new long[] {1, 2}, new float[] {3f, 4f}), file.tensor("z.weight"));
        }
    }

    @Test
    void headerOrderNeedNotMatchDataOrderAndWhitespaceIsAllowed() throws IOException {
        String header = "{ \"second\" : { \"data_offsets\" : [ 4, 8 ], \"shape\" : [ ], \"dtype\" : \"F32\" },\n"
                + "  \"first\" : { \"dtype\" : \"F32\", \"shape\" : [ 1 ], \"data_offsets\" : [ 0, 4 ] } }\n";
        Path path = RawSafetensors.write(directory, "spaced.safetensors", file(header, floatsLe(10f, 20f)));
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            assertEquals(List.of("second", "first"), file.names());
            assertArrayEquals(new float[] {20f}, file.floats("second"));
            assertArrayEquals(new float[] {10f}, file.floats("first"));
            assertEquals(Map.of(), file.metadata());
        }
    }

    @Test
    void readsEveryIntegerDtype() throws IOException {
        ByteBuffer i32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(-5).putInt(Integer.MAX_VALUE);
        String header = "{\"i64\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"i32\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[16,24]},"
                + "\"i16\":{\"dtype\":\"I16\",\"shape\":[2],\"data_offsets\":[24,28]},"
                + "\"i8\":{\"dtype\":\"I8\",\"shape\":[2],\"data_offsets\":[28,30]},"
                + "\"u8\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[30,32]},"
                + "\"bool\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[32,35]}}";
        byte[] data = concat(longsLe(Long.MIN_VALUE, Long.MAX_VALUE), i32.array(), shortsLe(-2, 0x7FFF),
                new byte[] {-128, 127}, new byte[] {(byte) 255, 0}, new byte[] {0, 1, 7});
        Path path = RawSafetensors.write(directory, "ints.safetensors", file(header, data));
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            assertArrayEquals(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, file.longs("i64"));
            assertArrayEquals(new long[] {-5, Integer.MAX_VALUE}, file.longs("i32"));
            assertArrayEquals(new long[] {-2, Short.MAX_VALUE}, file.longs("i16"));
            assertArrayEquals(new long[] {-128, 127}, file.longs("i8"));
            assertArrayEquals(new long[] {255, 0}, file.longs("u8"));
            assertArrayEquals(new long[] {0, 1, 1}, file.longs("bool"));
        }
    }

    @Test
    void readsF64ByNarrowingToFloat() throws IOException {
        ByteBuffer f64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1).putDouble(-1e300);
        Path path = RawSafetensors.write(directory, "f64.safetensors",
                file("{\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}", f64.array()));
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY}, file.floats("d"));
        }
    }

    @Test
    void missingTensorNamesItAndListsSimilarNames() throws IOException {
        Path path = directory.resolve("gpt.safetensors");
        SafetensorsWriter.write(path, List.of(
                new HostTensor("transformer.h.0.attn.c_attn.weight", new long[] {1}, new float[] {1}),
                new HostTensor("transformer.h.0.attn.c_proj.weight", new long[] {1}, new float[] {1}),
                new HostTensor("transformer.wte.weight", new long[] {1}, new float[] {1})), Map.of());
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> file.floats("h.0.attn.c_attn.weight"));
            String message = missing.getMessage();
            assertTrue(message.startsWith(path + ": no tensor named 'h.0.attn.c_attn.weight'; similar names: "
                    + "[transformer.h.0.attn.c_attn.weight, "), message);
            assertTrue(!file.contains("h.0.attn.c_attn.weight") && file.contains("transformer.wte.weight"));
        }
    }

    @Test
    void wrongAccessorForTheDtypeIsAnError() throws IOException {
        String header = "{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        Path path = RawSafetensors.write(directory, "mixed.safetensors", file(header, concat(longsLe(3), floatsLe(1))));
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            IllegalArgumentException floats = assertThrows(IllegalArgumentException.class, () -> file.floats("ids"));
            assertTrue(floats.getMessage().contains("'ids' has dtype I64"), floats.getMessage());
            IllegalArgumentException longs = assertThrows(IllegalArgumentException.class, () -> file.longs("w"));
            assertTrue(longs.getMessage().contains("'w' has dtype F32"), longs.getMessage());
        }
    }

    @Test
    void distanceIsTheLevenshteinDistance() {
        assertEquals(3, SimilarNames.distance("kitten", "sitting"));
        assertEquals(12, SimilarNames.distance("h.0.ln_1.weight", "transformer.h.0.ln_1.weight"));
        assertEquals(0, SimilarNames.distance("", ""));
        assertEquals(4, SimilarNames.distance("", "abcd"));
    }
}
