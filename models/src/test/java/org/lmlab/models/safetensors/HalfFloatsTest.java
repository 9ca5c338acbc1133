package org.lmlab.models.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * F16 and BF16 conversions against hand-computed bit patterns, and exhaustively against the
 * IEEE definitions for all 65,536 patterns of each format.
 */
class HalfFloatsTest {

    @ParameterizedTest(name = "f16 {0} -> {1}")
    @CsvSource({
            "0x3C00, 1.0",
            "0xC000, -2.0",
            "0x7BFF, 65504.0",
            "0x0001, 5.9604644775390625E-8",     // 2^-24, smallest subnormal
            "0x03FF, 6.097555160522461E-5",      // 1023 * 2^-24, largest subnormal
            "0x0400, 6.103515625E-5",            // 2^-14, smallest normal
            "0x3555, 0.333251953125",            // (1 + 341/1024) / 4
            "0x3C01, 1.0009765625",              // 1 + 2^-10
            "0x8000, -0.0",
            "0x0000, 0.0",
            "0x7C00, Infinity",
            "0xFC00, -Infinity"})
    void widensF16GoldenValues(String bits, float expected) {
        float actual = HalfFloats.f16ToFloat(parse(bits));
        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual), bits + " -> " + actual);
    }

    @ParameterizedTest(name = "f16 {0} <- {1}")
    @CsvSource({
            "0x3C00, 1.0",
            "0xC000, -2.0",
            "0x7BFF, 65504.0",
            "0x7BFF, 65519.0",                   // below the midpoint 65520: stays finite
            "0x7C00, 65520.0",                   // midpoint to 2^16, ties to even = infinity
            "0x7C00, 1.0E10",
            "0xFC00, -1.0E10",
            "0x3555, 0.33333334",                // 1/3 rounds down to 1365/4096
            "0x3C00, 1.00048828125",             // 1 + 2^-11: tie between 0x3C00 and 0x3C01 -> even
            "0x3C02, 1.00146484375",             // 1 + 3*2^-11: tie between 0x3C01 and 0x3C02 -> even
            "0x3C01, 1.0005",                    // just above the first tie
            "0x0001, 5.9604644775390625E-8",     // 2^-24
            "0x0000, 2.98023223876953125E-8",    // 2^-25: tie between 0 and 2^-24 -> even (0)
            "0x0001, 4.470348358154297E-8",      // 1.5 * 2^-25 rounds up to 2^-24
            "0x0002, 8.940696716308594E-8",      // 1.5 * 2^-24: tie between 1 and 2 -> even (2)
            "0x0400, 6.1005353927612305E-5",     // rounds up from the subnormal range to 2^-14
            "0x8000, -1.0E-10",                  // underflow keeps the sign
            "0x0000, 1.4E-45",                   // float subnormal
            "0x7C00, Infinity",
            "0xFC00, -Infinity"})
    void narrowsToF16GoldenValues(String bits, float value) {
        assertEquals(parse(bits), HalfFloats.floatToF16(value), () -> value + " -> 0x"
                + Integer.toHexString(HalfFloats.floatToF16(value) & 0xFFFF));
    }

    @ParameterizedTest(name = "bf16 {0} <-> {1}")
    @CsvSource({
            "0x3F80, 1.0",
            "0xC000, -2.0",
            "0x7F7F, 3.3895313892515355E38",     // largest finite bf16
            "0x0001, 9.183549615799121E-41",     // 2^-133, smallest subnormal
            "0x3EAB, 0.333984375",
            "0x8000, -0.0",
            "0x7F80, Infinity",
            "0xFF80, -Infinity"})
    void bf16GoldenValuesBothWays(String bits, float value) {
        assertEquals(Float.floatToRawIntBits(value), Float.floatToRawIntBits(HalfFloats.bf16ToFloat(parse(bits))));
        assertEquals(parse(bits), HalfFloats.floatToBf16(value));
    }

    @Test
    void narrowsToBf16WithRoundHalfEven() {
        assertEquals((short) 0x3EAB, HalfFloats.floatToBf16(1f / 3f));               // 0x3EAAAAAB rounds up
        assertEquals((short) 0x3F80, HalfFloats.floatToBf16(Float.intBitsToFloat(0x3F808000))); // tie -> even 0x3F80
        assertEquals((short) 0x3F82, HalfFloats.floatToBf16(Float.intBitsToFloat(0x3F818000))); // tie -> even 0x3F82
        assertEquals((short) 0x3F81, HalfFloats.floatToBf16(Float.intBitsToFloat(0x3F808001)));
        assertEquals((short) 0x7F80, HalfFloats.floatToBf16(Float.MAX_VALUE));        // overflows to infinity
    }

    @Test
    void nanStaysNanBothWaysInBothFormats() {
        assertTrue(Float.isNaN(HalfFloats.f16ToFloat((short) 0x7E00)));
        assertTrue(Float.isNaN(HalfFloats.f16ToFloat((short) 0xFC01)));
        assertTrue(Float.isNaN(HalfFloats.bf16ToFloat((short) 0x7FC0)));
        assertTrue(Float.isNaN(HalfFloats.bf16ToFloat((short) 0x7F81)));
        assertEquals((short) 0x7E00, HalfFloats.floatToF16(Float.NaN));
        assertEquals((short) 0x7FC0, HalfFloats.floatToBf16(Float.NaN));
        // A signalling NaN whose payload sits only in the low bits must not turn into infinity.
        float lowPayloadNaN = Float.intBitsToFloat(0x7F800001);
        assertTrue(Float.isNaN(HalfFloats.f16ToFloat(HalfFloats.floatToF16(lowPayloadNaN))));
        assertTrue(Float.isNaN(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(lowPayloadNaN))));
    }

    @Test
    void everyF16PatternWidensToItsIeeeValueAndNarrowsBack() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            short h = (short) bits;
            float widened = HalfFloats.f16ToFloat(h);
            int exponent = (bits >>> 10) & 0x1F;
            int mantissa = bits & 0x3FF;
            double sign = (bits & 0x8000) != 0 ? -1 : 1;
            if (exponent == 0x1F) {
                assertEquals(mantissa != 0, Float.isNaN(widened), Integer.toHexString(bits));
                if (mantissa == 0) {
                    assertEquals(sign * Double.POSITIVE_INFINITY, widened);
                }
            } else {
                double expected = exponent == 0
                        ? sign * mantissa * Math.pow(2, -24)
                        : sign * (1024 + mantissa) * Math.pow(2, exponent - 25);
                assertEquals(expected, widened, 0.0, Integer.toHexString(bits));
                assertEquals(bits & 0x8000, Float.floatToRawIntBits(widened) >>> 16 & 0x8000, "sign of " + bits);
                assertEquals(h, HalfFloats.floatToF16(widened), "round trip of 0x" + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void everyBf16PatternRoundTrips() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            short b = (short) bits;
            float widened = HalfFloats.bf16ToFloat(b);
            assertEquals(bits << 16, Float.floatToRawIntBits(widened));
            if (!Float.isNaN(widened)) {
                assertEquals(b, HalfFloats.floatToBf16(widened), "round trip of 0x" + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void f16NarrowingPicksTheNearestNeighbour() {
        // Midpoint-free check over a sweep: the chosen F16 is never farther than its neighbours.
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            float value = (float) ((random.nextDouble() * 2 - 1) * Math.pow(2, random.nextInt(36) - 26));
            short chosen = HalfFloats.floatToF16(value);
            double error = Math.abs(HalfFloats.f16ToFloat(chosen) - (double) value);
            for (int step : new int[] {-1, 1}) {
                short neighbour = (short) (chosen + step);
                float other = HalfFloats.f16ToFloat(neighbour);
                if (!Float.isNaN(other) && !Float.isInfinite(other) && (neighbour & 0x8000) == (chosen & 0x8000)) {
                    assertTrue(error <= Math.abs(other - (double) value), value + " chose 0x" + Integer.toHexString(chosen & 0xFFFF));
                }
            }
        }
    }

    private static short parse(String hex) {
        return (short) Integer.parseInt(hex.substring(2), 16);
    }
}
