package dev.jwasm.api.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values are taken from the spec testsuite's f32.wast, f64.wast and *_bitwise.wast. */
class FloatOpsTest {
    private static final int F32_SNAN = 0x7fa00000; // nan:0x200000 has the quiet bit set; this one has not
    private static final int F32_ARITH_NAN = 0xffa00000 | 0x00400000;

    private static int bits(float f) {
        return Float.floatToRawIntBits(f);
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    private static float f32(int bits) {
        return Float.intBitsToFloat(bits);
    }

    /** nan:canonical in the testsuite accepts either sign; we always answer the positive one. */
    private static void assertCanonical(float f) {
        assertEquals(FloatOps.F32_CANONICAL_NAN_BITS, bits(f) & 0x7fffffff);
    }

    private static void assertCanonical(double d) {
        assertEquals(FloatOps.F64_CANONICAL_NAN_BITS, bits(d) & Long.MAX_VALUE);
    }

    @Test
    void minMaxOrderNegativeZeroBelowPositiveZero() {
        assertEquals(0x80000000, bits(FloatOps.f32Min(-0.0f, 0.0f)));
        assertEquals(0x80000000, bits(FloatOps.f32Min(0.0f, -0.0f)));
        assertEquals(0x00000000, bits(FloatOps.f32Max(-0.0f, 0.0f)));
        assertEquals(0x00000000, bits(FloatOps.f32Max(0.0f, -0.0f)));
        assertEquals(-0x1p-149f, FloatOps.f32Min(-0.0f, -0x1p-149f));
        assertEquals(Float.NEGATIVE_INFINITY, FloatOps.f32Min(-0.0f, Float.NEGATIVE_INFINITY));
        assertEquals(0x8000000000000000L, bits(FloatOps.f64Min(0.0, -0.0)));
        assertEquals(0L, bits(FloatOps.f64Max(-0.0, 0.0)));
        assertEquals(0x1.fffffffffffffp+1023, FloatOps.f64Max(-0.0, 0x1.fffffffffffffp+1023));
    }

    @Test
    void minMaxPropagateNaNAsAnArithmeticNaN() {
        assertCanonical(FloatOps.f32Min(-0.0f, f32(0xffc00000))); // -nan -> nan:canonical
        assertCanonical(FloatOps.f32Max(f32(0x7fc00000), 1.0f));
        // A signalling NaN input must not come back unquieted (f32.wast: nan:0x200000 -> arithmetic).
        int r = bits(FloatOps.f32Min(f32(F32_SNAN), 0.0f));
        assertEquals(0x00400000, r & 0x00400000);
        assertEquals(0x7f800000, r & 0x7f800000);
        assertCanonical(FloatOps.f32Max(1.0f, f32(F32_ARITH_NAN)));
        assertCanonical(FloatOps.f64Min(Double.longBitsToDouble(0x7ff4000000000000L), 1.0));
        assertCanonical(FloatOps.f64Max(Double.longBitsToDouble(0xfff8000000000000L), -1.0));
    }

    @Test
    void nearestRoundsTiesToEvenAndKeepsTheSignOfZero() {
        assertEquals(0x80000000, bits(FloatOps.f32Nearest(-0x1p-1f)));
        assertEquals(0x00000000, bits(FloatOps.f32Nearest(0x1p-1f)));
        assertEquals(2.0f, FloatOps.f32Nearest(0x1.8p+0f)); // 1.5 -> 2
        assertEquals(2.0f, FloatOps.f32Nearest(2.5f)); // tie to even
        assertEquals(-4.0f, FloatOps.f32Nearest(-3.5f));
        assertEquals(8388609.0f, FloatOps.f32Nearest(8388609.0f)); // 2^23 + 1: already integral
        assertEquals(4503599627370497.0, FloatOps.f64Nearest(4503599627370497.0)); // 2^52 + 1: already integral
        assertEquals(0x8000000000000000L, bits(FloatOps.f64Nearest(-0x1p-1)));
        assertCanonical(FloatOps.f32Nearest(f32(F32_SNAN)));
        assertCanonical(FloatOps.f64Nearest(Double.NaN));
    }

    @Test
    void ceilFloorTruncKeepTheSignOfZero() {
        assertEquals(0x80000000, bits(FloatOps.f32Ceil(-0x1p-1f)));
        assertEquals(1.0f, FloatOps.f32Ceil(0x1p-149f));
        assertEquals(-1.0f, FloatOps.f32Floor(-0x1p-149f));
        assertEquals(0x00000000, bits(FloatOps.f32Floor(0x1p-1f)));
        assertEquals(0x80000000, bits(FloatOps.f32Trunc(-0x1p-1f)));
        assertEquals(-6.0f, FloatOps.f32Trunc(-0x1.921fb6p+2f));
        assertEquals(6.0f, FloatOps.f32Trunc(0x1.921fb6p+2f));
        assertEquals(0x8000000000000000L, bits(FloatOps.f64Trunc(-0x1p-1)));
        assertEquals(-7.0, FloatOps.f64Floor(-0x1.921fb54442d18p+2));
        assertEquals(7.0, FloatOps.f64Ceil(0x1.921fb54442d18p+2));
        assertCanonical(FloatOps.f32Ceil(f32(F32_SNAN)));
        assertCanonical(FloatOps.f64Floor(Double.longBitsToDouble(0x7ff0000000000001L)));
        assertCanonical(FloatOps.f64Trunc(Double.NaN));
    }

    @Test
    void sqrtIsCorrectlyRoundedAndNegativeGivesNaN() {
        assertEquals(0x1.40d932p+1f, FloatOps.f32Sqrt(0x1.921fb6p+2f)); // f32.wast sqrt(2*pi)
        assertEquals(0x1.40d931ff62705p+1, FloatOps.f64Sqrt(0x1.921fb54442d18p+2)); // 2^52 + 1: already integral
        assertEquals(0x80000000, bits(FloatOps.f32Sqrt(-0.0f)));
        assertCanonical(FloatOps.f32Sqrt(-1.0f));
        assertCanonical(FloatOps.f64Sqrt(Double.NEGATIVE_INFINITY));
    }

    @Test
    void absNegCopysignTouchOnlyTheSignBitEvenOfSignallingNaNs() {
        // f32_bitwise.wast: abs(-nan:0x200000) = nan:0x200000, neg(nan:0x200000) = -nan:0x200000
        assertEquals(0x7fa00000, FloatOps.f32AbsBits(0xffa00000));
        assertEquals(0xffa00000, FloatOps.f32NegBits(0x7fa00000));
        assertEquals(0xffa00000, FloatOps.f32CopysignBits(0x7fa00000, 0x80000000));
        assertEquals(0x7fa00000, bits(FloatOps.f32Abs(f32(0xffa00000))));
        assertEquals(0x80000000, bits(FloatOps.f32Neg(0.0f)));
        assertEquals(-1.0f, FloatOps.f32Copysign(1.0f, f32(0xffc00000)));
        assertEquals(0x7ff4000000000000L, FloatOps.f64AbsBits(0xfff4000000000000L));
        assertEquals(0xfff4000000000000L, FloatOps.f64NegBits(0x7ff4000000000000L));
        assertEquals(0x7ff4000000000000L, FloatOps.f64CopysignBits(0xfff4000000000000L, 0));
        assertEquals(0x8000000000000000L, bits(FloatOps.f64Neg(0.0)));
        assertEquals(1.0, FloatOps.f64Abs(-1.0));
        assertEquals(-2.0, FloatOps.f64Copysign(2.0, -0.0));
    }

    @Test
    void demoteAndPromote() {
        // conversions.wast
        assertEquals(0x80000000, bits(FloatOps.f32DemoteF64(-0x0.0000000000001p-1022)));
        assertEquals(0x1p-149f, FloatOps.f32DemoteF64(0x1.0000000000001p-150)); // just above the tie
        assertEquals(0x00000000, bits(FloatOps.f32DemoteF64(0x1p-150))); // exact tie rounds to even (zero)
        assertEquals(0x1.fffffep+127f, FloatOps.f32DemoteF64(0x1.fffffefffffffp+127));
        assertEquals(Float.POSITIVE_INFINITY, FloatOps.f32DemoteF64(0x1.fffffffp+127));
        assertEquals(0x1.000004p+0f, FloatOps.f32DemoteF64(0x1.0000030000000p+0)); // tie to even (up)
        assertEquals(0x1p+0f, FloatOps.f32DemoteF64(0x1.0000010000000p+0)); // tie to even (down)
        assertCanonical(FloatOps.f32DemoteF64(Double.longBitsToDouble(0x7ff4000000000000L)));
        assertEquals(0x1p-149, FloatOps.f64PromoteF32(0x1p-149f));
        assertEquals(0x8000000000000000L, bits(FloatOps.f64PromoteF32(-0.0f)));
        assertCanonical(FloatOps.f64PromoteF32(f32(F32_SNAN)));
    }
}
