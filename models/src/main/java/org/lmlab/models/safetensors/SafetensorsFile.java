package org.lmlab.models.safetensors;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file opened for reading. {@link #open} reads and validates the whole header
 * (length prefix, UTF-8 JSON, every tensor entry, and that the tensors tile the data section)
 * before anything else is allocated; tensors are then read on demand through a file channel in
 * bounded chunks. F16, BF16 and F64 data are converted to float in Java, bit-exactly for the
 * 16-bit formats. Close it to release the file handle.
 */
public final class SafetensorsFile implements AutoCloseable {

    /** Largest header accepted, as in the reference implementation: guards against absurd length prefixes. */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    /** Largest element count that fits one Java array on common JVMs. */
    static final long MAX_ARRAY_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final int LENGTH_PREFIX_BYTES = 8;
    private static final int READ_CHUNK_BYTES = 1 << 20;
    private static final int SIMILAR_NAMES_SHOWN = 5;

    private final Path path;
    private final FileChannel channel;
    private final SafetensorsHeader header;
    private final long dataStart;
    private final List<String> names;

    private SafetensorsFile(Path path, FileChannel channel, SafetensorsHeader header, long dataStart) {
        this.path = path;
        this.channel = channel;
        this.header = header;
        this.dataStart = dataStart;
        this.names = List.copyOf(header.tensors().keySet());
    }

    /**
     * Opens and validates a safetensors file.
     *
     * @throws TruncatedSafetensorsException if the file ends before the header or a tensor does
     * @throws SafetensorsFormatException    if the header or layout is invalid in any other way
     * @throws IOException                   if the file cannot be read
     */
    public static SafetensorsFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            String file = path.toString();
            long size = channel.size();
            if (size < LENGTH_PREFIX_BYTES) {
                throw new TruncatedSafetensorsException(file + ": file is truncated: " + size
                        + " bytes, shorter than the 8-byte header length prefix");
            }
            long headerLength = readFully(channel, 0, LENGTH_PREFIX_BYTES, file).getLong();
            if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
                throw new SafetensorsFormatException(file + ": header length " + Long.toUnsignedString(headerLength)
                        + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
            }
            if (headerLength > size - LENGTH_PREFIX_BYTES) {
                throw new TruncatedSafetensorsException(file + ": file is truncated: header length is " + headerLength
                        + " bytes but only " + (size - LENGTH_PREFIX_BYTES) + " bytes follow the length prefix");
            }
            ByteBuffer headerBuffer = readFully(channel, LENGTH_PREFIX_BYTES, (int) headerLength, file);
            byte[] headerBytes = new byte[(int) headerLength];
            headerBuffer.get(headerBytes);
            SafetensorsHeader header = HeaderParser.parse(file, headerBytes);
            long dataStart = LENGTH_PREFIX_BYTES + headerLength;
            DataLayout.validate(file, header, size - dataStart);
            return new SafetensorsFile(path, channel, header, dataStart);
        } catch (IOException | RuntimeException | Error failure) {
            try {
                channel.close();
            } catch (IOException closeFailure) {
                failure.addSuppressed(closeFailure);
            }
            throw failure;
        }
    }

    /** The path this file was opened from. */
    public Path path() {
        return path;
    }

    /** Tensor names in the order the header lists them. */
    public List<String> names() {
        return names;
    }

    /** Whether the file holds a tensor with this name. */
    public boolean contains(String name) {
        return header.tensors().containsKey(name);
    }

    /**
     * The header's description of a tensor.
     *
     * @throws IllegalArgumentException naming the tensor and listing similar names if it is absent
     */
    public TensorInfo info(String name) {
        TensorInfo info = header.tensors().get(name);
        if (info == null) {
            throw new IllegalArgumentException(path + ": no tensor named '" + name + "'"
                    + (names.isEmpty() ? " (the file has no tensors)"
                            : "; similar names: " + SimilarNames.nearest(name, names, SIMILAR_NAMES_SHOWN)));
        }
        return info;
    }

    /** The {@code __metadata__} string map (empty if the header has none). */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /**
     * The elements of a floating-point tensor (F32, F16, BF16 or F64) as floats, row-major.
     *
     * @throws IllegalArgumentException   if the tensor is absent or holds integers
     * @throws SafetensorsFormatException if it has more elements than a Java array holds
     * @throws IOException                if reading fails (a file shortened since opening reads as truncated)
     */
    public float[] floats(String name) throws IOException {
        TensorInfo info = info(name);
        if (!info.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(path + ": tensor '" + name + "' has dtype " + info.dtype()
                    + "; floats() reads F64, F32, F16 and BF16 (use longs() for integers)");
        }
        float[] values = new float[arrayLength(info)];
        Dtype.FloatDecoder decoder = info.dtype().floatDecoder();
        readElements(info, (buffer, index) -> values[index] = decoder.read(buffer));
        return values;
    }

    /**
     * The elements of an integer or boolean tensor (I64, I32, I16, I8, U8, BOOL) as longs, row-major.
     *
     * @throws IllegalArgumentException   if the tensor is absent or holds floats
     * @throws SafetensorsFormatException if it has more elements than a Java array holds
     * @throws IOException                if reading fails
     */
    public long[] longs(String name) throws IOException {
        TensorInfo info = info(name);
        if (info.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(path + ": tensor '" + name + "' has dtype " + info.dtype()
                    + "; longs() reads I64, I32, I16, I8, U8 and BOOL (use floats() for floating point)");
        }
        long[] values = new long[arrayLength(info)];
        Dtype.LongDecoder decoder = info.dtype().longDecoder();
        readElements(info, (buffer, index) -> values[index] = decoder.read(buffer));
        return values;
    }

    /** A floating-point tensor with its name and shape, as {@link #floats} reads it. */
    public HostTensor tensor(String name) throws IOException {
        return new HostTensor(name, info(name).shape(), floats(name));
    }

    /** Closes the underlying file channel. */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + path + ", " + names.size() + " tensors]";
    }

    /** Receives one element at a time from a little-endian buffer positioned on it. */
    private interface ElementSink {
        void accept(ByteBuffer buffer, int index);
    }

    private int arrayLength(TensorInfo info) throws SafetensorsFormatException {
        long count = info.elementCount();
        if (count > MAX_ARRAY_ELEMENTS) {
            throw new SafetensorsFormatException(path + ": tensor '" + info.name() + "' has " + count
                    + " elements, more than one Java array can hold (" + MAX_ARRAY_ELEMENTS + ")");
        }
        return (int) count;
    }

    private void readElements(TensorInfo info, ElementSink sink) throws IOException {
        int elementBytes = info.dtype().byteSize();
        long remaining = info.byteLength();
        long position = dataStart + info.dataBegin();
        int index = 0;
        while (remaining > 0) {
            int chunk = (int) Math.min(remaining, READ_CHUNK_BYTES);
            ByteBuffer buffer = readFully(channel, position, chunk, path + " (tensor '" + info.name() + "')");
            for (int i = chunk / elementBytes; i > 0; i--) {
                sink.accept(buffer, index++);
            }
            position += chunk;
            remaining -= chunk;
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, String what) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw truncated(what, position + length, position + buffer.position());
            }
        }
        return buffer.flip();
    }

    private static TruncatedSafetensorsException truncated(String what, long needed, long found) {
        TruncatedSafetensorsException exception = new TruncatedSafetensorsException(what
                + ": file is truncated: needed bytes up to offset " + needed + " but it ends at " + found);
        exception.initCause(new EOFException());
        return exception;
    }
}
