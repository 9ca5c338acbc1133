package org.lmlab.models.safetensors;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The element types a safetensors file may hold and this reader understands, with their header
 * names, byte sizes and little-endian codecs. Floating types decode to {@code float} (F64 is
 * narrowed, F16/BF16 widened exactly); integer types and BOOL decode to {@code long}.
 */
public enum Dtype {
    /** IEEE 754 binary64. */
    F64(8, buffer -> (float) buffer.getDouble(), null, (buffer, value) -> buffer.putDouble(value)),
    /** IEEE 754 binary32. */
    F32(4, ByteBuffer::getFloat, null, ByteBuffer::putFloat),
    /** IEEE 754 binary16. */
    F16(2, buffer -> HalfFloats.f16ToFloat(buffer.getShort()), null,
            (buffer, value) -> buffer.putShort(HalfFloats.floatToF16(value))),
    /** bfloat16: the upper half of a binary32. */
    BF16(2, buffer -> HalfFloats.bf16ToFloat(buffer.getShort()), null,
            (buffer, value) -> buffer.putShort(HalfFloats.floatToBf16(value))),
    /** Signed 64-bit integer. */
    I64(8, null, ByteBuffer::getLong, null),
    /** Signed 32-bit integer. */
    I32(4, null, buffer -> buffer.getInt(), null),
    /** Signed 16-bit integer. */
    I16(2, null, buffer -> buffer.getShort(), null),
    /** Signed 8-bit integer. */
    I8(1, null, buffer -> buffer.get(), null),
    /** Unsigned 8-bit integer. */
    U8(1, null, buffer -> buffer.get() & 0xFF, null),
    /** Boolean stored in one byte; any nonzero byte reads as 1. */
    BOOL(1, null, buffer -> buffer.get() == 0 ? 0 : 1, null);

    private static final Map<String, Dtype> BY_HEADER_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Dtype::headerName, Function.identity()));

    /** Reads one element (little-endian buffer) as a float. */
    interface FloatDecoder {
        float read(ByteBuffer buffer);
    }

    /** Reads one element (little-endian buffer) as a long. */
    interface LongDecoder {
        long read(ByteBuffer buffer);
    }

    /** Writes one float as an element of this type into a little-endian buffer. */
    interface FloatEncoder {
        void write(ByteBuffer buffer, float value);
    }

    private final int byteSize;
    private final FloatDecoder floatDecoder;
    private final LongDecoder longDecoder;
    private final FloatEncoder floatEncoder;

    Dtype(int byteSize, FloatDecoder floatDecoder, LongDecoder longDecoder, FloatEncoder floatEncoder) {
        this.byteSize = byteSize;
        this.floatDecoder = floatDecoder;
        this.longDecoder = longDecoder;
        this.floatEncoder = floatEncoder;
    }

    /** The name used in the header's {@code "dtype"} field. */
    public String headerName() {
        return name();
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** Whether elements decode to floats (F64, F32, F16, BF16) rather than integers. */
    public boolean isFloatingPoint() {
        return floatDecoder != null;
    }

    /** The dtype with this header name, if this reader supports it. */
    public static Optional<Dtype> fromHeaderName(String headerName) {
        return Optional.ofNullable(BY_HEADER_NAME.get(headerName));
    }

    /** Header names of all supported dtypes, in declaration order, for error messages. */
    public static String supportedNames() {
        return Arrays.stream(values()).map(Dtype::headerName).collect(Collectors.joining(", "));
    }

    FloatDecoder floatDecoder() {
        return floatDecoder;
    }

    LongDecoder longDecoder() {
        return longDecoder;
    }

    FloatEncoder floatEncoder() {
        return floatEncoder;
    }
}
