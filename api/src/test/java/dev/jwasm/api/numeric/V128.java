package dev.jwasm.api.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Test-side v128 literals, written the way the testsuite's {@code v128.const} spells them: lanes
 * in order, lane 0 first, packed little-endian into (lo, hi). Independent of the code under test.
 */
final class V128 {
    private V128() {}

    static long[] i8(int... lanes) {
        return pack(8, toLongs(lanes));
    }

    static long[] i16(int... lanes) {
        return pack(16, toLongs(lanes));
    }

    static long[] i32(int... lanes) {
        return pack(32, toLongs(lanes));
    }

    static long[] i64(long lo, long hi) {
        return new long[] {lo, hi};
    }

    static long[] f32(float... lanes) {
        long[] bits = new long[lanes.length];
        for (int i = 0; i < lanes.length; i++) {
            bits[i] = Float.floatToRawIntBits(lanes[i]);
        }
        return pack(32, bits);
    }

    static long[] f64(double lo, double hi) {
        return new long[] {Double.doubleToRawLongBits(lo), Double.doubleToRawLongBits(hi)};
    }

    private static long[] toLongs(int[] lanes) {
        long[] r = new long[lanes.length];
        for (int i = 0; i < lanes.length; i++) {
            r[i] = lanes[i];
        }
        return r;
    }

    private static long[] pack(int bits, long[] lanes) {
        if (lanes.length * bits != 128) {
            throw new IllegalArgumentException("need " + 128 / bits + " lanes");
        }
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        long[] v = new long[2];
        int perHalf = 64 / bits;
        for (int i = 0; i < lanes.length; i++) {
            v[i / perHalf] |= (lanes[i] & mask) << ((i % perHalf) * bits);
        }
        return v;
    }

    static void assertV(long[] expected, long[] out) {
        assertEquals(
                String.format("%016x_%016x", expected[1], expected[0]),
                String.format("%016x_%016x", out[1], out[0]),
                "v128 as hi_lo");
    }
}
