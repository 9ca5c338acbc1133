package org.lmlab.models.safetensors;

/**
 * Bit-exact conversions between {@code float} and the two 16-bit float formats found in
 * checkpoints: IEEE 754 binary16 ("F16", 5 exponent bits) and bfloat16 ("BF16", the top half of
 * a float). Widening is exact for every bit pattern, subnormals, infinities and NaN payloads
 * included; narrowing rounds to nearest, ties to even, overflows to infinity and keeps NaN a NaN.
 * Java 17 has no such conversions ({@code Float.float16ToFloat} arrived in Java 20).
 */
public final class HalfFloats {

    private static final int F16_SIGN = 0x8000;
    private static final int F16_INFINITY = 0x7C00;
    private static final int F16_QUIET_NAN_BIT = 0x0200;
    private static final int F16_MANTISSA_BITS = 10;
    private static final int F16_EXPONENT_BIAS = 15;
    private static final int FLOAT_EXPONENT_BIAS = 127;
    private static final int FLOAT_MANTISSA_BITS = 23;
    private static final int DROPPED_MANTISSA_BITS = FLOAT_MANTISSA_BITS - F16_MANTISSA_BITS;

    private HalfFloats() {
    }

    /** The exact float value of an IEEE binary16 bit pattern. */
    public static float f16ToFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & F16_SIGN) << 16;
        int exponent = (h >>> F16_MANTISSA_BITS) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0) {
            // Zero or subnormal: mantissa * 2^-24, exactly representable as a float.
            float magnitude = Math.scalb((float) mantissa, -24);
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 0x1F) {
            // Infinity (mantissa 0) or NaN with its payload moved to the top of the float mantissa.
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << DROPPED_MANTISSA_BITS));
        }
        int floatExponent = exponent - F16_EXPONENT_BIAS + FLOAT_EXPONENT_BIAS;
        return Float.intBitsToFloat(sign | (floatExponent << FLOAT_MANTISSA_BITS) | (mantissa << DROPPED_MANTISSA_BITS));
    }

    /** The binary16 bit pattern nearest to {@code value} (round half to even, overflow to infinity). */
    public static short floatToF16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & F16_SIGN;
        int exponent = (bits >>> FLOAT_MANTISSA_BITS) & 0xFF;
        int mantissa = bits & 0x7FFFFF;
        if (exponent == 0xFF) {
            if (mantissa == 0) {
                return (short) (sign | F16_INFINITY);
            }
            // Keep the top payload bits and force the quiet bit so the result stays a NaN.
            return (short) (sign | F16_INFINITY | F16_QUIET_NAN_BIT | (mantissa >>> DROPPED_MANTISSA_BITS));
        }
        int halfExponent = exponent - FLOAT_EXPONENT_BIAS + F16_EXPONENT_BIAS;
        if (halfExponent >= 0x1F) {
            return (short) (sign | F16_INFINITY);
        }
        if (halfExponent <= 0) {
            return (short) (sign | toSubnormalF16(exponent, mantissa, halfExponent));
        }
        int rounded = roundHalfEven((halfExponent << F16_MANTISSA_BITS) | (mantissa >>> DROPPED_MANTISSA_BITS),
                mantissa & ((1 << DROPPED_MANTISSA_BITS) - 1), DROPPED_MANTISSA_BITS);
        // A carry out of the mantissa bumps the exponent, and from the largest finite value gives infinity.
        return (short) (sign | rounded);
    }

    /** The exact float value of a bfloat16 bit pattern. */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** The bfloat16 bit pattern nearest to {@code value} (round half to even, overflow to infinity). */
    public static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        return (short) (roundHalfEven(bits >>> 16, bits & 0xFFFF, 16));
    }

    private static int toSubnormalF16(int floatExponent, int floatMantissa, int halfExponent) {
        if (floatExponent == 0 || halfExponent < -F16_MANTISSA_BITS) {
            // Float subnormals and anything below half the smallest F16 subnormal (2^-25) round to zero;
            // exactly 2^-25 is handled below (it ties to the even value zero).
            return 0;
        }
        int significand = floatMantissa | (1 << FLOAT_MANTISSA_BITS);
        int shift = 14 - halfExponent;
        return roundHalfEven(significand >>> shift, significand & ((1 << shift) - 1), shift);
    }

    /** Rounds {@code kept} up by one unit when the {@code droppedBits}-wide remainder says so. */
    private static int roundHalfEven(int kept, int remainder, int droppedBits) {
        int half = 1 << (droppedBits - 1);
        if (remainder > half || (remainder == half && (kept & 1) == 1)) {
            return kept + 1;
        }
        return kept;
    }
}
