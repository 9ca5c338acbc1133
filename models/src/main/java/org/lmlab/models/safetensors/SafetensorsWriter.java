package org.lmlab.models.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes float tensors as a safetensors file that any reader (Python's {@code safetensors},
 * Hugging Face, DJL) accepts: compact UTF-8 JSON header with {@code __metadata__} first and
 * tensors sorted by name, padded with spaces to a multiple of 8 bytes, then the tensors' data in
 * the same order, little-endian. Output is a pure function of the input, so writing the same
 * tensors twice gives identical bytes, and it replaces the target atomically.
 */
public final class SafetensorsWriter {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int ALIGNMENT = 8;
    private static final int BUFFER_BYTES = 1 << 16;

    private SafetensorsWriter() {
    }

    /** Writes the tensors as F32 with this metadata (may be empty), atomically. */
    public static void write(Path path, Collection<HostTensor> tensors, Map<String, String> metadata) throws IOException {
        write(path, tensors, metadata, Dtype.F32);
    }

    /**
     * Writes the tensors stored as {@code dtype} (F32, F64, F16 or BF16; the narrow types round
     * to nearest even) with this metadata (may be empty), atomically.
     *
     * @throws IllegalArgumentException if {@code dtype} is not floating point, two tensors share a
     *                                  name, or a tensor is named {@code __metadata__}
     */
    public static void write(Path path, Collection<HostTensor> tensors, Map<String, String> metadata, Dtype dtype)
            throws IOException {
        Objects.requireNonNull(path, "path");
        List<HostTensor> sorted = sortedByName(tensors);
        Map<String, String> sortedMetadata = new TreeMap<>(Objects.requireNonNull(metadata, "metadata"));
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("cannot write float tensors as " + dtype
                    + " to " + path + "; choose F32, F64, F16 or BF16");
        }
        byte[] header = header(sorted, sortedMetadata, dtype);
        AtomicFiles.write(path, out -> {
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            out.write(prefix.array());
            out.write(header);
            writeData(out, sorted, dtype);
        });
    }

    private static List<HostTensor> sortedByName(Collection<HostTensor> tensors) {
        List<HostTensor> sorted = tensors.stream().map(Objects::requireNonNull)
                .sorted(Comparator.comparing(HostTensor::name)).toList();
        Set<String> names = new HashSet<>();
        for (HostTensor tensor : sorted) {
            if (HeaderParser.METADATA_KEY.equals(tensor.name())) {
                throw new IllegalArgumentException("a tensor cannot be named " + HeaderParser.METADATA_KEY);
            }
            if (!names.add(tensor.name())) {
                throw new IllegalArgumentException("two tensors are named '" + tensor.name() + "'");
            }
        }
        return sorted;
    }

    private static byte[] header(List<HostTensor> tensors, Map<String, String> metadata, Dtype dtype) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(json)) {
            generator.writeStartObject();
            if (!metadata.isEmpty()) {
                generator.writeObjectFieldStart(HeaderParser.METADATA_KEY);
                for (Map.Entry<String, String> entry : metadata.entrySet()) {
                    generator.writeStringField(entry.getKey(), Objects.requireNonNull(entry.getValue(), entry.getKey()));
                }
                generator.writeEndObject();
            }
            long offset = 0;
            for (HostTensor tensor : tensors) {
                long end = offset + (long) tensor.data().length * dtype.byteSize();
                generator.writeObjectFieldStart(tensor.name());
                generator.writeStringField("dtype", dtype.headerName());
                generator.writeFieldName("shape");
                long[] shape = tensor.shape();
                generator.writeArray(shape, 0, shape.length);
                generator.writeFieldName("data_offsets");
                generator.writeArray(new long[] {offset, end}, 0, 2);
                generator.writeEndObject();
                offset = end;
            }
            generator.writeEndObject();
        } catch (IOException inMemory) {
            throw new UncheckedIOException("writing JSON to memory failed", inMemory);
        }
        int padding = (ALIGNMENT - json.size() % ALIGNMENT) % ALIGNMENT;
        byte[] spaces = new byte[padding];
        Arrays.fill(spaces, (byte) ' ');
        json.writeBytes(spaces);
        return json.toByteArray();
    }

    private static void writeData(OutputStream out, List<HostTensor> tensors, Dtype dtype) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        Dtype.FloatEncoder encoder = dtype.floatEncoder();
        for (HostTensor tensor : tensors) {
            for (float value : tensor.data()) {
                if (buffer.remaining() < dtype.byteSize()) {
                    out.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                encoder.write(buffer, value);
            }
        }
        out.write(buffer.array(), 0, buffer.position());
    }
}
