package org.lmlab.models.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lmlab.models.safetensors.RawSafetensors.concat;
import static org.lmlab.models.safetensors.RawSafetensors.file;
import static org.lmlab.models.safetensors.RawSafetensors.floatsLe;
import static org.lmlab.models.safetensors.RawSafetensors.lengthPrefix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a safetensors file can lie is rejected at {@link SafetensorsFile#open} with a
 * {@link SafetensorsFormatException} (or its truncation subclass) that names the file and the
 * tensor or field at fault. All files are built byte by byte here.
 */
class SafetensorsHostileFileTest {

    private static final String GOOD_ENTRY = "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    @TempDir
    Path directory;

    @Test
    void acceptsTheWellFormedBaselineUsedBelow() throws IOException {
        Path path = RawSafetensors.write(directory, "good.safetensors", file("{" + GOOD_ENTRY + "}", floatsLe(1.5f, -2f)));
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            assertEquals(java.util.List.of("w"), file.names());
            assertEquals(-2f, file.floats("w")[1]);
        }
    }

    @Test
    void fileShorterThanTheLengthPrefixIsTruncated() throws IOException {
        String message = reject("short.safetensors", new byte[] {3, 0, 0}, TruncatedSafetensorsException.class);
        assertTrue(message.contains("truncated") && message.contains("3 bytes"), message);
    }

    @Test
    void emptyFileIsTruncated() throws IOException {
        reject("empty.safetensors", new byte[0], TruncatedSafetensorsException.class);
    }

    @Test
    void headerLengthBeyondTheFileIsTruncated() throws IOException {
        byte[] bytes = concat(lengthPrefix(500), "{}".getBytes(StandardCharsets.US_ASCII));
        String message = reject("cut.safetensors", bytes, TruncatedSafetensorsException.class);
        assertTrue(message.contains("truncated") && message.contains("500"), message);
    }

    @Test
    void headerLengthAboveTheCapIsRejectedWithoutReadingIt() throws IOException {
        String message = reject("huge.safetensors", concat(lengthPrefix(SafetensorsFile.MAX_HEADER_BYTES + 1), new byte[8]),
                SafetensorsFormatException.class);
        assertTrue(message.contains("exceeds the limit"), message);
        // An all-ones prefix is 2^64 - 1 as an unsigned number, not -1.
        String unsigned = reject("ones.safetensors", concat(lengthPrefix(-1L), new byte[8]), SafetensorsFormatException.class);
        assertTrue(unsigned.contains("18446744073709551615"), unsigned);
    }

    @Test
    void invalidUtf8InTheHeaderIsRejected() throws IOException {
        byte[] header = "{\"w\u00ff\":{}}".getBytes(StandardCharsets.ISO_8859_1);
        String message = reject("utf8.safetensors", file(header, new byte[0]), SafetensorsFormatException.class);
        assertTrue(message.contains("not valid UTF-8") && message.contains("byte 3"), message);
    }

    @Test
    void malformedJsonIsRejectedWithItsPosition() throws IOException {
        String message = reject("json.safetensors", file("{\"w\":{\"dtype\":\"F32\",}", new byte[0]),
                SafetensorsFormatException.class);
        assertTrue(message.contains("not valid JSON") && message.contains("line 1"), message);
    }

    @Test
    void headerThatIsNotAnObjectIsRejected() throws IOException {
        String message = reject("array.safetensors", file("[1, 2]  ", new byte[0]), SafetensorsFormatException.class);
        assertTrue(message.contains("must be a JSON object"), message);
    }

    @Test
    void contentAfterTheHeaderObjectIsRejected() throws IOException {
        String message = reject("after.safetensors", file("{} {}", new byte[0]), SafetensorsFormatException.class);
        assertTrue(message.contains("content after its JSON object"), message);
    }

    @Test
    void duplicateTensorNamesAreRejected() throws IOException {
        String message = reject("dup.safetensors", file("{" + GOOD_ENTRY + "," + GOOD_ENTRY + "}", floatsLe(1, 2)),
                SafetensorsFormatException.class);
        assertTensorNamed(message, "w");
        assertTrue(message.contains("appears twice"), message);
    }

    @Test
    void unknownDtypeIsRejectedListingSupportedOnes() throws IOException {
        String message = reject("dtype.safetensors",
                file("{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[2]),
                SafetensorsFormatException.class);
        assertTensorNamed(message, "w");
        assertTrue(message.contains("F8_E4M3") && message.contains("BF16"), message);
    }

    @Test
    void negativeShapeIsRejected() throws IOException {
        String message = reject("negative.safetensors",
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,-1],\"data_offsets\":[0,8]}}", floatsLe(1, 2)),
                SafetensorsFormatException.class);
        assertTensorNamed(message, "w");
        assertTrue(message.contains("shape[1]") && message.contains("-1"), message);
    }

    @Test
    void fractionalShapeIsRejected() throws IOException {
        String message = reject("fraction.safetensors",
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,8]}}", floatsLe(1, 2)),
                SafetensorsFormatException.class);
        assertTrue(message.contains("shape[0]") && message.contains("2.5"), message);
    }

    @Test
    void elementCountOverflowIsRejected() throws IOException {
        String message = reject("overflow.safetensors",
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]}}", floatsLe(1, 2)),
                SafetensorsFormatException.class);
        assertTensorNamed(message, "w");
        assertTrue(message.contains("too many elements"), message);
    }

    @Test
    void shapeDimensionBeyond64BitsIsRejected() throws IOException {
        String message = reject("bigint.safetensors",
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[99999999999999999999999],\"data_offsets\":[0,8]}}", floatsLe(1, 2)),
                SafetensorsFormatException.class);
        assertTrue(message.contains("too large"), message);
    }

    @Test
    void byteRangeThatDoesNotMatchTheShapeIsRejected() throws IOException {
        String message = reject("mismatch.safetensors",
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", floatsLe(1, 2)),
                SafetensorsFormatException.class);
        assertTensorNamed(message, "w");
        assertTrue(message.contains("span 8 bytes") && message.contains("needs 12"), message);
    }

    @Test
    void reversedOffsetsAreRejected() throws IOException {
        String message = reject("reversed.safetensors",
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", floatsLe(1, 2)),
                SafetensorsFormatException.class);
        assertTensorNamed(message, "w");
    }

    @Test
    void offsetsPastTheEndOfTheFileAreReportedAsTruncated() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
        String message = reject("short-data.safetensors", file(header, floatsLe(1, 2, 3)), TruncatedSafetensorsException.class);
        assertTensorNamed(message, "b");
        assertTrue(message.contains("truncated") && message.contains("12 bytes"), message);
    }

    @Test
    void overlappingTensorsAreRejected() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        String message = reject("overlap.safetensors", file(header, floatsLe(1, 2, 3)), SafetensorsFormatException.class);
        assertTensorNamed(message, "a");
        assertTensorNamed(message, "b");
        assertTrue(message.contains("overlaps"), message);
    }

    @Test
    void twoTensorsSharingOneRangeAreRejected() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        String message = reject("alias.safetensors", file(header, floatsLe(1, 2)), SafetensorsFormatException.class);
        assertTrue(message.contains("overlaps"), message);
    }

    @Test
    void holeInTheDataSectionIsRejected() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        String message = reject("hole.safetensors", file(header, floatsLe(1, 2, 3)), SafetensorsFormatException.class);
        assertTensorNamed(message, "b");
        assertTrue(message.contains("hole") && message.contains("[4, 8)"), message);
    }

    @Test
    void trailingGarbageAfterTheLastTensorIsRejected() throws IOException {
        String message = reject("trailing.safetensors", file("{" + GOOD_ENTRY + "}", floatsLe(1, 2, 99)),
                SafetensorsFormatException.class);
        assertTensorNamed(message, "w");
        assertTrue(message.contains("4 trailing bytes"), message);
    }

    @Test
    void dataWithoutAnyTensorIsTrailingGarbage() throws IOException {
        String message = reject("no-tensors.safetensors", file("{}", new byte[3]), SafetensorsFormatException.class);
        assertTrue(message.contains("3 trailing bytes"), message);
    }

    @Test
    void metadataMustMapStringsToStrings() throws IOException {
        String message = reject("metadata.safetensors", file("{\"__metadata__\":{\"format\":1}}", new byte[0]),
                SafetensorsFormatException.class);
        assertTrue(message.contains("__metadata__ field 'format' must be a string"), message);
    }

    @Test
    void missingAndUnknownTensorFieldsAreRejected() throws IOException {
        String missing = reject("missing.safetensors", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[0]}}", new byte[0]),
                SafetensorsFormatException.class);
        assertTensorNamed(missing, "w");
        assertTrue(missing.contains("missing field 'data_offsets'"), missing);
        String unknown = reject("unknown.safetensors",
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0],\"scale\":2}}", new byte[0]),
                SafetensorsFormatException.class);
        assertTrue(unknown.contains("unknown field 'scale'"), unknown);
    }

    @Test
    void tensorEntryThatIsNotAnObjectIsRejected() throws IOException {
        String message = reject("scalar-entry.safetensors", file("{\"w\":5}", new byte[0]), SafetensorsFormatException.class);
        assertTensorNamed(message, "w");
    }

    @Test
    void hugeDeclaredTensorOnATinyFileFailsFastWithoutAllocating() throws IOException {
        // 2e9 F32 elements would need an 8 GB array; the test JVM's heap is far smaller, so
        // reaching an allocation would end in OutOfMemoryError instead of this exception.
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2000000000],\"data_offsets\":[0,8000000000]}}";
        String message = reject("liar.safetensors", file(header, floatsLe(1, 2)), TruncatedSafetensorsException.class);
        assertTensorNamed(message, "w");
        assertTrue(message.contains("8000000000"), message);
    }

    @Test
    void validTensorTooBigForOneJavaArrayIsRefusedBeforeAllocating() throws IOException {
        long elements = SafetensorsFile.MAX_ARRAY_ELEMENTS + 1;
        String header = "{\"w\":{\"dtype\":\"U8\",\"shape\":[" + elements + "],\"data_offsets\":[0," + elements + "]}}";
        Path path = RawSafetensors.write(directory, "sparse.safetensors", file(header, new byte[0]));
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(path.toFile(), "rw")) {
            sparse.setLength(sparse.length() + elements); // a sparse file: no data is written
        }
        try (SafetensorsFile file = SafetensorsFile.open(path)) {
            assertEquals(elements, file.info("w").elementCount());
            SafetensorsFormatException thrown = assertThrows(SafetensorsFormatException.class, () -> file.longs("w"));
            assertTensorNamed(thrown.getMessage(), "w");
            assertTrue(thrown.getMessage().contains("more than one Java array"), thrown.getMessage());
        }
    }

    private String reject(String fileName, byte[] bytes, Class<? extends SafetensorsFormatException> expected)
            throws IOException {
        Path path = RawSafetensors.write(directory, fileName, bytes);
        SafetensorsFormatException thrown = assertThrows(SafetensorsFormatException.class,
                () -> SafetensorsFile.open(path).close());
        assertEquals(expected, thrown.getClass(), thrown.getMessage());
        String message = thrown.getMessage();
        assertTrue(message.contains(path.toString()), "message must name the file: " + message);
        assertTrue(Files.exists(path));
        return message;
    }

    private static void assertTensorNamed(String message, String tensor) {
        assertTrue(message.contains("'" + tensor + "'"), "message must name tensor '" + tensor + "': " + message);
    }
}
