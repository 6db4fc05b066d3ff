package dev.jwasm.api.numeric;

import static dev.jwasm.api.numeric.V128.assertV;
import static dev.jwasm.api.numeric.V128.f32;
import static dev.jwasm.api.numeric.V128.f64;
import static dev.jwasm.api.numeric.V128.i16;
import static dev.jwasm.api.numeric.V128.i32;
import static dev.jwasm.api.numeric.V128.i64;
import static dev.jwasm.api.numeric.V128.i8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Expected values come from the spec testsuite's simd_*.wast and relaxed-SIMD scripts where a line
 * is quoted, otherwise they are worked out by hand lane by lane. Many testsuite lines splat one
 * value over all lanes; the hand-worked cases use distinct lanes so that lane order is checked too.
 */
class SimdOpsTest {
    private final long[] out = new long[2];

    // ---- splat, lanes ----

    @Test
    void splatTakesTheLowBitsOfTheScalar() {
        SimdOps.i8x16Splat(0x123456ff, out, 0);
        assertV(i8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1), out);
        SimdOps.i16x8Splat(0x12345, out, 0);
        assertV(i16(0x2345, 0x2345, 0x2345, 0x2345, 0x2345, 0x2345, 0x2345, 0x2345), out);
        SimdOps.i32x4Splat(-2, out, 0);
        assertV(i32(-2, -2, -2, -2), out);
        SimdOps.f32x4Splat(Float.intBitsToFloat(0xffa00001), out, 0);
        assertV(i32(0xffa00001, 0xffa00001, 0xffa00001, 0xffa00001), out);
        SimdOps.f64x2Splat(-0.0, out, 0);
        assertV(i64(Long.MIN_VALUE, Long.MIN_VALUE), out);
    }

    @Test
    void extractLane() {
        // simd_lane.wast
        long[] v = i8(127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff);
        assertEquals(127, SimdOps.i8x16ExtractLaneS(v[0], v[1], 0));
        assertEquals(255, SimdOps.i8x16ExtractLaneU(v[0], v[1], 15));
        assertEquals(-1, SimdOps.i8x16ExtractLaneS(v[0], v[1], 15));
        v = i16(0, 0, 0, 0, 0, 0, 0, 0xffff);
        assertEquals(65535, SimdOps.i16x8ExtractLaneU(v[0], v[1], 7));
        assertEquals(-1, SimdOps.i16x8ExtractLaneS(v[0], v[1], 7));
        v = i32(0, 0, 1234567890, -7);
        assertEquals(1234567890, SimdOps.i32x4ExtractLane(v[0], v[1], 2));
        assertEquals(-7, SimdOps.i32x4ExtractLane(v[0], v[1], 3));
        assertEquals(0x7ffffffffffffffeL, SimdOps.i64x2ExtractLane(0x7ffffffffffffffeL, 0, 0));
        v = f32(1.5f, -2.5f, 3.5f, Float.NEGATIVE_INFINITY);
        assertEquals(-2.5f, SimdOps.f32x4ExtractLane(v[0], v[1], 1));
        assertEquals(Float.NEGATIVE_INFINITY, SimdOps.f32x4ExtractLane(v[0], v[1], 3));
        v = f64(1.25, -0.0);
        assertEquals(Long.MIN_VALUE, Double.doubleToRawLongBits(SimdOps.f64x2ExtractLane(v[0], v[1], 1)));
    }

    @Test
    void replaceLaneChangesOnlyThatLane() {
        long[] v = i8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        SimdOps.i8x16ReplaceLane(v[0], v[1], 15, 0x1ff, out, 0);
        assertV(i8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, -1), out);
        SimdOps.i8x16ReplaceLane(v[0], v[1], 0, -128, out, 0);
        assertV(i8(-128, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), out);
        v = i16(1, 2, 3, 4, 5, 6, 7, 8);
        SimdOps.i16x8ReplaceLane(v[0], v[1], 4, -1, out, 0);
        assertV(i16(1, 2, 3, 4, -1, 6, 7, 8), out);
        v = i32(1, 2, 3, 4);
        SimdOps.i32x4ReplaceLane(v[0], v[1], 1, -5, out, 0);
        assertV(i32(1, -5, 3, 4), out);
        SimdOps.f32x4ReplaceLane(v[0], v[1], 3, Float.intBitsToFloat(0x7fa00000), out, 0);
        assertV(i32(1, 2, 3, 0x7fa00000), out);
        SimdOps.i64x2ReplaceLane(1, 2, 1, -3, out, 0);
        assertV(i64(1, -3), out);
        SimdOps.f64x2ReplaceLane(1, 2, 0, 1.0, out, 0);
        assertV(i64(0x3ff0000000000000L, 2), out);
    }

    @Test
    void resultMayOverwriteTheOperandSlots() {
        long[] frame = {0, 0, 0, 0};
        long[] v = i32(1, 2, 3, 4);
        frame[1] = v[0];
        frame[2] = v[1];
        SimdOps.i32x4Add(frame[1], frame[2], frame[1], frame[2], frame, 1);
        assertEquals(i32(2, 4, 6, 8)[0], frame[1]);
        assertEquals(i32(2, 4, 6, 8)[1], frame[2]);
        assertEquals(0, frame[0]);
        assertEquals(0, frame[3]);
    }

    // ---- swizzle, shuffle ----

    @Test
    void swizzleSelectsBytesAndZeroesOutOfRangeIndices() {
        // simd_lane.wast
        long[] a = i8(100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115);
        long[] s = i8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        SimdOps.i8x16Swizzle(a[0], a[1], s[0], s[1], out, 0);
        assertV(i8(115, 114, 113, 112, 111, 110, 109, 108, 107, 106, 105, 104, 103, 102, 101, 100), out);
        s = i8(-1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6, -7, 7, -8, 8);
        SimdOps.i8x16Swizzle(a[0], a[1], s[0], s[1], out, 0);
        assertV(i8(0, 101, 0, 102, 0, 103, 0, 104, 0, 105, 0, 106, 0, 107, 0, 108), out);
        // i8x16_relaxed_swizzle.wast: indices 16..31 give either 0 or a[i & 15]; we choose 0
        a = i8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        s = i8(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
        SimdOps.i8x16RelaxedSwizzle(a[0], a[1], s[0], s[1], out, 0);
        assertV(i8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), out);
    }

    @Test
    void shuffleIndexesTheConcatenation() {
        // simd_lane.wast v8x16_shuffle-3: indices 31 30 ... 16 pick b reversed
        long[] a = i8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        long[] b = i8(-16, -15, -14, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1);
        long[] idx = i8(31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16);
        SimdOps.i8x16Shuffle(a[0], a[1], b[0], b[1], idx[0], idx[1], out, 0);
        assertV(i8(-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16), out);
        idx = i8(0, 16, 1, 17, 15, 31, 7, 23, 8, 24, 0, 0, 31, 31, 9, 25);
        SimdOps.i8x16Shuffle(a[0], a[1], b[0], b[1], idx[0], idx[1], out, 0);
        assertV(i8(0, -16, 1, -15, 15, -1, 7, -9, 8, -8, 0, 0, -1, -1, 9, -7), out);
    }

    // ---- bitwise, boolean ----

    @Test
    void bitwiseAndLaneselect() {
        // relaxed_laneselect.wast, first (bitselect) answer
        long[] a = i8(0, 1, 0x12, 0x12, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        long[] b = i8(16, 17, 0x34, 0x34, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
        long[] c = i8(0xff, 0, 0xf0, 0x0f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        SimdOps.i8x16RelaxedLaneselect(a[0], a[1], b[0], b[1], c[0], c[1], out, 0);
        assertV(i8(0, 17, 0x14, 0x32, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31), out);
        SimdOps.v128AndNot(0b1100, 0b1100, 0b1010, 0, out, 0);
        assertV(i64(0b0100, 0b1100), out);
        SimdOps.v128Not(0, -1, out, 0);
        assertV(i64(-1, 0), out);
        assertEquals(0, SimdOps.v128AnyTrue(0, 0));
        assertEquals(1, SimdOps.v128AnyTrue(0, Long.MIN_VALUE));
    }

    @Test
    void allTrueAndBitmask() {
        // simd_boolean.wast
        long[] v = i8(-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0xA, 0xB, 0xC, 0xD, 0xF);
        assertEquals(0x1, SimdOps.i8x16Bitmask(v[0], v[1]));
        assertEquals(0, SimdOps.i8x16AllTrue(v[0], v[1]));
        v = i16(-1, 0, 1, 2, 0xB, 0xC, 0xD, 0xF);
        assertEquals(0x1, SimdOps.i16x8Bitmask(v[0], v[1]));
        v = i32(-1, -1, -1, -1);
        assertEquals(0xF, SimdOps.i32x4Bitmask(v[0], v[1]));
        assertEquals(1, SimdOps.i32x4AllTrue(v[0], v[1]));
        // by hand: only the last lane negative
        v = i8(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -128);
        assertEquals(0x8000, SimdOps.i8x16Bitmask(v[0], v[1]));
        assertEquals(1, SimdOps.i8x16AllTrue(v[0], v[1]));
        v = i16(1, 1, 1, 1, 1, 1, 1, 0x100);
        assertEquals(1, SimdOps.i16x8AllTrue(v[0], v[1]));
        v = i16(1, 1, 1, 1, 1, 0, 1, 1);
        assertEquals(0, SimdOps.i16x8AllTrue(v[0], v[1]));
        assertEquals(2, SimdOps.i64x2Bitmask(0, -1));
        assertEquals(0, SimdOps.i64x2AllTrue(1, 0));
        assertEquals(1, SimdOps.i64x2AllTrue(1, Long.MIN_VALUE));
        assertEquals(0, SimdOps.i32x4AllTrue(i32(1, 1, 0, 1)[0], i32(1, 1, 0, 1)[1]));
    }

    // ---- integer arithmetic ----

    @Test
    void saturatingAddSubtract() {
        // simd_i8x16_sat_arith.wast (splatted) and distinct lanes by hand
        long[] a = i8(0x7f, -128, 100, -100, -1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x40);
        long[] b = i8(1, -1, 100, -100, 1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x40);
        SimdOps.i8x16AddSatS(a[0], a[1], b[0], b[1], out, 0);
        assertV(i8(127, -128, 127, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 127), out);
        SimdOps.i8x16AddSatU(a[0], a[1], b[0], b[1], out, 0);
        assertV(i8(128, 255, 200, 255, 255, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 128), out);
        SimdOps.i8x16SubSatS(a[0], a[1], b[0], b[1], out, 0);
        assertV(i8(126, -127, 0, 0, -2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), out);
        SimdOps.i8x16SubSatU(b[0], b[1], a[0], a[1], out, 0); // b - a
        assertV(i8(0, 127, 0, 0, 0, 254, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), out);
        long[] x = i16(32767, -32768, 1000, -1, 0, 0, 0, 0);
        long[] y = i16(1, -1, 1000, 1, 0, 0, 0, 0);
        SimdOps.i16x8AddSatS(x[0], x[1], y[0], y[1], out, 0);
        assertV(i16(32767, -32768, 2000, 0, 0, 0, 0, 0), out);
        SimdOps.i16x8SubSatU(x[0], x[1], y[0], y[1], out, 0);
        assertV(i16(32766, 0, 0, 65534, 0, 0, 0, 0), out); // 32768 - 65535 clamps to 0
    }

    @Test
    void addSubMulNegWrap() {
        long[] a = i8(127, -128, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, -1);
        long[] b = i8(1, -1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        SimdOps.i8x16Add(a[0], a[1], b[0], b[1], out, 0);
        assertV(i8(-128, 127, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0), out);
        SimdOps.i8x16Sub(a[0], a[1], b[0], b[1], out, 0);
        assertV(i8(126, -127, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -2), out);
        SimdOps.i8x16Neg(a[0], a[1], out, 0);
        assertV(i8(-127, -128, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, 1), out);
        SimdOps.i8x16Abs(a[0], a[1], out, 0); // abs(-128) stays -128
        assertV(i8(127, -128, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 1), out);
        SimdOps.i8x16Popcnt(a[0], a[1], out, 0);
        assertV(i8(7, 1, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 8), out);
        long[] x = i16(0x100, -1, 300, 7, 0, 0, 0, 0x7fff);
        long[] y = i16(0x100, -1, 300, -7, 0, 0, 0, 2);
        SimdOps.i16x8Mul(x[0], x[1], y[0], y[1], out, 0);
        assertV(i16(0, 1, 90000 - 65536, -49, 0, 0, 0, -2), out);
        long[] p = i32(0x10000, -3, Integer.MIN_VALUE, 5);
        SimdOps.i32x4Mul(p[0], p[1], p[0], p[1], out, 0);
        assertV(i32(0, 9, 0, 25), out);
        SimdOps.i64x2Mul(0x100000000L, -3, 0x100000000L, 3, out, 0);
        assertV(i64(0, -9), out);
        SimdOps.i64x2Abs(Long.MIN_VALUE, -5, out, 0);
        assertV(i64(Long.MIN_VALUE, 5), out);
    }

    @Test
    void minMaxAvgrSignedAndUnsigned() {
        // simd_i8x16_arith2.wast: min_u(128, -128) = 128, avgr_u(0, -1) = 128, max_s(255, 1) = 1
        long[] a = i8(128, 0, 255, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 200);
        long[] b = i8(-128, -1, 1, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100);
        SimdOps.i8x16MinU(a[0], a[1], b[0], b[1], out, 0);
        assertV(i8(128, 0, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100), out);
        SimdOps.i8x16MaxS(a[0], a[1], b[0], b[1], out, 0);
        assertV(i8(-128, 0, 1, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100), out);
        SimdOps.i8x16AvgrU(a[0], a[1], b[0], b[1], out, 0);
        assertV(i8(128, 128, 128, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 150), out);
        long[] x = i32(-1, 5, Integer.MIN_VALUE, 0);
        long[] y = i32(1, 5, Integer.MAX_VALUE, -1);
        SimdOps.i32x4MinS(x[0], x[1], y[0], y[1], out, 0);
        assertV(i32(-1, 5, Integer.MIN_VALUE, -1), out);
        SimdOps.i32x4MaxU(x[0], x[1], y[0], y[1], out, 0);
        assertV(i32(-1, 5, Integer.MIN_VALUE, -1), out);
        SimdOps.i16x8AvgrU(i16(65535, 0, 1, 2, 3, 4, 5, 6)[0], i16(65535, 0, 1, 2, 3, 4, 5, 6)[1], 0, 0, out, 0);
        assertV(i16(32768, 0, 1, 1, 2, 2, 3, 3), out);
    }

    @Test
    void comparisonsGiveAllOnesLanes() {
        long[] a = i8(-1, 1, 0, -128, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 127);
        long[] b = i8(1, -1, 0, 127, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, -128);
        SimdOps.i8x16LtS(a[0], a[1], b[0], b[1], out, 0);
        assertV(i8(-1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), out);
        SimdOps.i8x16LtU(a[0], a[1], b[0], b[1], out, 0);
        assertV(i8(0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1), out);
        SimdOps.i8x16GeU(a[0], a[1], b[0], b[1], out, 0);
        assertV(i8(-1, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0), out);
        SimdOps.i8x16Eq(a[0], a[1], b[0], b[1], out, 0);
        assertV(i8(0, 0, -1, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0), out);
        long[] x = i16(-1, 1, 0, 0, 0, 0, 0, 0);
        long[] y = i16(1, -1, 0, 0, 0, 0, 0, 0);
        SimdOps.i16x8GtS(x[0], x[1], y[0], y[1], out, 0);
        assertV(i16(0, -1, 0, 0, 0, 0, 0, 0), out);
        SimdOps.i16x8GtU(x[0], x[1], y[0], y[1], out, 0);
        assertV(i16(-1, 0, 0, 0, 0, 0, 0, 0), out);
        long[] p = i32(-1, 2, 3, 4);
        long[] q = i32(0, 2, 4, 3);
        SimdOps.i32x4LeU(p[0], p[1], q[0], q[1], out, 0);
        assertV(i32(0, -1, -1, 0), out);
        SimdOps.i32x4Ne(p[0], p[1], q[0], q[1], out, 0);
        assertV(i32(-1, 0, -1, -1), out);
        SimdOps.i64x2LtS(-1, 5, 0, 5, out, 0);
        assertV(i64(-1, 0), out);
        SimdOps.i64x2GeS(-1, 5, 0, 5, out, 0);
        assertV(i64(0, -1), out);
    }

    @Test
    void shiftsTakeTheCountModuloTheLaneWidth() {
        // simd_bit_shift.wast
        long[] a = i8(-128, -64, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0x0A, 0x0B, 0x0C, 0x0D);
        SimdOps.i8x16Shl(a[0], a[1], 1, out, 0);
        assertV(i8(0, -128, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 0x14, 0x16, 0x18, 0x1A), out);
        a = i8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0x0A, 0x0B, 0x0C, 0x0D, 0x0e, 0x0F);
        SimdOps.i8x16ShrU(a[0], a[1], 514, out, 0);
        assertV(i8(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3), out);
        SimdOps.i8x16ShrS(a[0], a[1], 17, out, 0);
        assertV(i8(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7), out);
        long[] x = i16(-128, -64, 0, 1, 2, 3, 4, 5);
        SimdOps.i16x8Shl(x[0], x[1], 1, out, 0);
        assertV(i16(65280, 65408, 0, 2, 4, 6, 8, 10), out);
        // by hand: sign fill versus zero fill
        long[] b = i8(-128, -1, 64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -2);
        SimdOps.i8x16ShrS(b[0], b[1], 9, out, 0);
        assertV(i8(-64, -1, 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1), out);
        SimdOps.i8x16ShrU(b[0], b[1], 1, out, 0);
        assertV(i8(64, 127, 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 127), out);
        long[] p = i32(Integer.MIN_VALUE, -1, 1, 3);
        SimdOps.i32x4ShrS(p[0], p[1], 33, out, 0);
        assertV(i32(0xc0000000, -1, 0, 1), out);
        SimdOps.i32x4ShrU(p[0], p[1], 31, out, 0);
        assertV(i32(1, 1, 0, 0), out);
        SimdOps.i64x2ShrS(Long.MIN_VALUE, 4, 65, out, 0);
        assertV(i64(0xc000000000000000L, 2), out);
        SimdOps.i64x2ShrU(Long.MIN_VALUE, 4, 127, out, 0);
        assertV(i64(1, 0), out);
        SimdOps.i64x2Shl(1, 3, 64, out, 0);
        assertV(i64(1, 3), out);
    }

    // ---- narrow, extend, extmul, extadd, dot, q15 ----

    @Test
    void narrowSaturatesAndTakesAThenB() {
        long[] a = i16(0, 127, 128, -129, -128, 300, -300, 1);
        long[] b = i16(255, 256, -1, 2, 3, 4, 5, 6);
        SimdOps.i8x16NarrowI16x8S(a[0], a[1], b[0], b[1], out, 0);
        assertV(i8(0, 127, 127, -128, -128, 127, -128, 1, 127, 127, -1, 2, 3, 4, 5, 6), out);
        SimdOps.i8x16NarrowI16x8U(a[0], a[1], b[0], b[1], out, 0);
        assertV(i8(0, 127, 128, 0, 0, 255, 0, 1, 255, 255, 0, 2, 3, 4, 5, 6), out);
        long[] x = i32(65536, -1, 65535, 32768);
        long[] y = i32(1, -40000, 40000, 4);
        SimdOps.i16x8NarrowI32x4U(x[0], x[1], y[0], y[1], out, 0);
        assertV(i16(0xffff, 0, 0xffff, 32768, 1, 0, 40000, 4), out);
        SimdOps.i16x8NarrowI32x4S(x[0], x[1], y[0], y[1], out, 0);
        assertV(i16(32767, -1, 32767, 32767, 1, -32768, 32767, 4), out);
    }

    @Test
    void extendLowAndHigh() {
        long[] a = i8(1, -1, 2, -2, 3, -3, 4, -128, -1, 1, -128, 127, 0x80, 5, 6, 7);
        SimdOps.i16x8ExtendLowI8x16S(a[0], a[1], out, 0);
        assertV(i16(1, -1, 2, -2, 3, -3, 4, -128), out);
        SimdOps.i16x8ExtendLowI8x16U(a[0], a[1], out, 0);
        assertV(i16(1, 255, 2, 254, 3, 253, 4, 128), out);
        SimdOps.i16x8ExtendHighI8x16S(a[0], a[1], out, 0);
        assertV(i16(-1, 1, -128, 127, -128, 5, 6, 7), out);
        long[] x = i16(-1, 2, 3, 4, 5, -6, 7, -32768);
        SimdOps.i32x4ExtendHighI16x8U(x[0], x[1], out, 0);
        assertV(i32(5, 65530, 7, 32768), out);
        SimdOps.i32x4ExtendLowI16x8S(x[0], x[1], out, 0);
        assertV(i32(-1, 2, 3, 4), out);
        long[] p = i32(-1, 2, 3, Integer.MIN_VALUE);
        SimdOps.i64x2ExtendLowI32x4U(p[0], p[1], out, 0);
        assertV(i64(0xffffffffL, 2), out);
        SimdOps.i64x2ExtendHighI32x4S(p[0], p[1], out, 0);
        assertV(i64(3, Integer.MIN_VALUE), out);
    }

    @Test
    void extmulMultipliesWidenedLanes() {
        // simd_i16x8_extmul_i8x16.wast: high_s(-65, -64) = 4160, low_s(-128, -128) = 16384
        long[] a = i8(-128, -1, -1, 2, 3, 4, 5, 6, -65, -65, -65, -65, -65, -65, -65, -65);
        long[] b = i8(-128, -1, 1, 3, 3, 3, 3, 3, -64, -64, -64, -64, -64, -64, -64, -64);
        SimdOps.i16x8ExtmulHighI8x16S(a[0], a[1], b[0], b[1], out, 0);
        assertV(i16(4160, 4160, 4160, 4160, 4160, 4160, 4160, 4160), out);
        SimdOps.i16x8ExtmulLowI8x16S(a[0], a[1], b[0], b[1], out, 0);
        assertV(i16(16384, 1, -1, 6, 9, 12, 15, 18), out);
        SimdOps.i16x8ExtmulLowI8x16U(a[0], a[1], b[0], b[1], out, 0);
        assertV(i16(16384, 65025, 255, 6, 9, 12, 15, 18), out);
        long[] x = i16(-1, 2, 0, 0, -32768, 0, 0, 0);
        long[] y = i16(-1, -3, 0, 0, -32768, 0, 0, 0);
        SimdOps.i32x4ExtmulLowI16x8U(x[0], x[1], y[0], y[1], out, 0);
        assertV(i32(0xfffe0001, 65533 * 2, 0, 0), out);
        SimdOps.i32x4ExtmulHighI16x8S(x[0], x[1], y[0], y[1], out, 0);
        assertV(i32(0x40000000, 0, 0, 0), out);
        long[] p = i32(0, 0, -2, 0x7fffffff);
        long[] q = i32(0, 0, 3, 0x7fffffff);
        SimdOps.i64x2ExtmulHighI32x4S(p[0], p[1], q[0], q[1], out, 0);
        assertV(i64(-6, 0x3fffffff00000001L), out);
        SimdOps.i64x2ExtmulHighI32x4U(p[0], p[1], q[0], q[1], out, 0);
        assertV(i64(0xfffffffeL * 3, 0x3fffffff00000001L), out);
        p = i32(-1, 0, 0, 0);
        SimdOps.i64x2ExtmulLowI32x4U(p[0], p[1], p[0], p[1], out, 0);
        assertV(i64(0xfffffffe00000001L, 0), out);
    }

    @Test
    void extaddPairwise() {
        // simd_i16x8_extadd_pairwise_i8x16.wast (126 splat gives 252), the rest by hand
        long[] a = i8(126, 126, -1, -1, 127, 1, -128, -128, 1, 2, 3, 4, 5, 6, 7, 8);
        SimdOps.i16x8ExtaddPairwiseI8x16S(a[0], a[1], out, 0);
        assertV(i16(252, -2, 128, -256, 3, 7, 11, 15), out);
        SimdOps.i16x8ExtaddPairwiseI8x16U(a[0], a[1], out, 0);
        assertV(i16(252, 510, 128, 256, 3, 7, 11, 15), out);
        long[] x = i16(-1, -1, 32767, 32767, 1, 2, -32768, 0);
        SimdOps.i32x4ExtaddPairwiseI16x8S(x[0], x[1], out, 0);
        assertV(i32(-2, 65534, 3, -32768), out);
        SimdOps.i32x4ExtaddPairwiseI16x8U(x[0], x[1], out, 0);
        assertV(i32(131070, 65534, 3, 32768), out);
    }

    @Test
    void dotAndQ15() {
        // simd_i32x4_dot_i16x8.wast
        long[] a = i16(111, 222, 333, 444, 555, 666, 777, 888);
        long[] b = i16(1111, 2222, 3333, 4444, 5555, 6666, 7777, 8888);
        SimdOps.i32x4DotI16x8S(a[0], a[1], b[0], b[1], out, 0);
        assertV(i32(616605, 3083025, 7522581, 13935273), out);
        long[] m = i16(-32768, -32768, -32768, -32768, -32768, -32768, -32768, -32768);
        SimdOps.i32x4DotI16x8S(m[0], m[1], m[0], m[1], out, 0);
        assertV(i32(Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE), out);
        // simd_i16x8_q15mulr_sat_s.wast, lanes mixed: -16384^2 -> 8192, -32768^2 -> 32767
        long[] x = i16(-16384, -32768, 16384, 1, 0, 0, 0, -32768);
        long[] y = i16(-16384, -32768, 1, 16384, 0, 0, 0, 32767);
        SimdOps.i16x8Q15mulrSatS(x[0], x[1], y[0], y[1], out, 0);
        assertV(i16(8192, 32767, 1, 1, 0, 0, 0, -32767), out);
        // i16x8_relaxed_q15mulr_s.wast: the saturating answer is one of the allowed ones
        long[] r = i16(-32768, -32767, 32767, 0, 0, 0, 0, 0);
        long[] s = i16(-32768, -32768, 32767, 0, 0, 0, 0, 0);
        SimdOps.i16x8RelaxedQ15mulrS(r[0], r[1], s[0], s[1], out, 0);
        assertV(i16(32767, 32767, 32766, 0, 0, 0, 0, 0), out);
    }

    // ---- floats ----

    @Test
    void floatLanesRoundAndPropagateNaN() {
        long[] a = f32(-0.5f, 0.5f, 1.5f, 2.5f);
        SimdOps.f32x4Nearest(a[0], a[1], out, 0);
        assertV(f32(-0.0f, 0.0f, 2.0f, 2.0f), out);
        SimdOps.f32x4Trunc(a[0], a[1], out, 0);
        assertV(f32(-0.0f, 0.0f, 1.0f, 2.0f), out);
        SimdOps.f32x4Ceil(a[0], a[1], out, 0);
        assertV(f32(-0.0f, 1.0f, 2.0f, 3.0f), out);
        long[] b = f32(Float.POSITIVE_INFINITY, 0.0f, Float.intBitsToFloat(0x7fa00000), 4.0f);
        long[] c = f32(Float.NEGATIVE_INFINITY, -0.0f, 1.0f, 0.25f);
        SimdOps.f32x4Add(b[0], b[1], c[0], c[1], out, 0);
        assertV(i32(0x7fc00000, 0, 0x7fc00000, Float.floatToRawIntBits(4.25f)), out);
        SimdOps.f32x4Min(b[0], b[1], c[0], c[1], out, 0);
        assertV(i32(0xff800000, 0x80000000, 0x7fc00000, Float.floatToRawIntBits(0.25f)), out);
        SimdOps.f32x4Sqrt(c[0], c[1], out, 0);
        assertV(i32(0x7fc00000, 0x80000000, Float.floatToRawIntBits(1.0f), Float.floatToRawIntBits(0.5f)), out);
        long[] d = f64(Double.NaN, 9.0);
        long[] e = f64(1.0, 2.0);
        SimdOps.f64x2Div(d[0], d[1], e[0], e[1], out, 0);
        assertV(i64(FloatOps.F64_CANONICAL_NAN_BITS, Double.doubleToRawLongBits(4.5)), out);
        SimdOps.f64x2Max(Long.MIN_VALUE, 0, e[0], e[1], out, 0);
        assertV(f64(1.0, 2.0), out);
        SimdOps.f64x2Floor(Double.doubleToRawLongBits(-0.5), Double.doubleToRawLongBits(2.5), out, 0);
        assertV(f64(-1.0, 2.0), out);
    }

    @Test
    void pseudoMinMaxAndSignOpsKeepOperandBits() {
        // pmin(a, b) = b < a ? b : a, so a NaN in a comes back bit-for-bit (spec 4.3.3 fpmin)
        long[] a = i32(0x7fa00001, 0x3f800000, 0x80000000, 0x00000000);
        long[] b = i32(0x3f800000, 0xffc00007, 0x00000000, 0x80000000);
        SimdOps.f32x4Pmin(a[0], a[1], b[0], b[1], out, 0);
        assertV(i32(0x7fa00001, 0x3f800000, 0x80000000, 0x00000000), out);
        SimdOps.f32x4Pmax(a[0], a[1], b[0], b[1], out, 0);
        assertV(i32(0x7fa00001, 0x3f800000, 0x80000000, 0x00000000), out);
        long[] c = i32(0x3f800000, 0x3f800000, 0, 0);
        long[] d = i32(0x40000000, 0xbf800000, 0, 0);
        SimdOps.f32x4Pmax(c[0], c[1], d[0], d[1], out, 0);
        assertV(i32(0x40000000, 0x3f800000, 0, 0), out);
        SimdOps.f32x4Neg(a[0], a[1], out, 0);
        assertV(i32(0xffa00001, 0xbf800000, 0x00000000, 0x80000000), out);
        SimdOps.f32x4Abs(b[0], b[1], out, 0);
        assertV(i32(0x3f800000, 0x7fc00007, 0x00000000, 0x00000000), out);
        SimdOps.f64x2Abs(0xfff4000000000001L, -1L, out, 0);
        assertV(i64(0x7ff4000000000001L, Long.MAX_VALUE), out);
        SimdOps.f64x2Pmin(0x7ff4000000000001L, 0, 0, 0, out, 0);
        assertV(i64(0x7ff4000000000001L, 0), out);
    }

    @Test
    void floatComparisonsTreatNaNAsUnordered() {
        long[] a = f32(1.0f, Float.NaN, -0.0f, 2.0f);
        long[] b = f32(2.0f, Float.NaN, 0.0f, 1.0f);
        SimdOps.f32x4Lt(a[0], a[1], b[0], b[1], out, 0);
        assertV(i32(-1, 0, 0, 0), out);
        SimdOps.f32x4Eq(a[0], a[1], b[0], b[1], out, 0);
        assertV(i32(0, 0, -1, 0), out);
        SimdOps.f32x4Ne(a[0], a[1], b[0], b[1], out, 0);
        assertV(i32(-1, -1, 0, -1), out);
        SimdOps.f32x4Ge(a[0], a[1], b[0], b[1], out, 0);
        assertV(i32(0, 0, -1, -1), out);
        long[] x = f64(Double.NaN, 3.0);
        long[] y = f64(1.0, 3.0);
        SimdOps.f64x2Le(x[0], x[1], y[0], y[1], out, 0);
        assertV(i64(0, -1), out);
        SimdOps.f64x2Gt(x[0], x[1], y[0], y[1], out, 0);
        assertV(i64(0, 0), out);
    }

    // ---- conversions ----

    @Test
    void vectorConversions() {
        // simd_i32x4_trunc_sat_f64x2.wast
        long[] a = f64(4294967296.0, Double.longBitsToDouble(0x7ff0000000444444L));
        SimdOps.i32x4TruncSatF64x2SZero(a[0], a[1], out, 0);
        assertV(i32(2147483647, 0, 0, 0), out);
        a = f64(-2147483520.0, -0x1.fffffep-1);
        SimdOps.i32x4TruncSatF64x2SZero(a[0], a[1], out, 0);
        assertV(i32(-2147483520, 0, 0, 0), out);
        SimdOps.i32x4TruncSatF64x2UZero(f64(4294967295.5, -3.0)[0], f64(4294967295.5, -3.0)[1], out, 0);
        assertV(i32(-1, 0, 0, 0), out);
        long[] f = f32(-1.0f, Float.NaN, 4294967296.0f, 1.5f);
        SimdOps.i32x4TruncSatF32x4U(f[0], f[1], out, 0);
        assertV(i32(0, 0, -1, 1), out);
        SimdOps.i32x4TruncSatF32x4S(f[0], f[1], out, 0);
        assertV(i32(-1, 0, Integer.MAX_VALUE, 1), out);
        SimdOps.i32x4RelaxedTruncF32x4S(f[0], f[1], out, 0);
        assertV(i32(-1, 0, Integer.MAX_VALUE, 1), out);
        long[] n = i32(-1, 0x80000081, 0x80000080, 7);
        SimdOps.f32x4ConvertI32x4U(n[0], n[1], out, 0);
        assertV(f32(4294967296.0f, 0x1.000002p+31f, 0x1p+31f, 7.0f), out);
        SimdOps.f32x4ConvertI32x4S(n[0], n[1], out, 0);
        assertV(f32(-1.0f, -0x1.fffffep+30f, -0x1.fffffep+30f, 7.0f), out);
        SimdOps.f64x2ConvertLowI32x4U(n[0], n[1], out, 0);
        assertV(f64(4294967295.0, 2147483777.0), out);
        SimdOps.f64x2ConvertLowI32x4S(n[0], n[1], out, 0);
        assertV(f64(-1.0, -2147483519.0), out);
        // simd_conversions.wast
        a = f64(0x1.ffffffp+127, 0x1.0000010000001p+0);
        SimdOps.f32x4DemoteF64x2Zero(a[0], a[1], out, 0);
        assertV(f32(Float.POSITIVE_INFINITY, 0x1.000002p+0f, 0, 0), out);
        f = f32(0x1.8f867ep+125f, -0x1p-149f, 9.0f, 9.0f);
        SimdOps.f64x2PromoteLowF32x4(f[0], f[1], out, 0);
        assertV(f64(6.6382536710104395e+37, -0x1p-149), out);
    }

    // ---- relaxed ----

    @Test
    void relaxedDotProducts() {
        // relaxed_dot_product.wast
        long[] a = i8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        SimdOps.i16x8RelaxedDotI8x16I7x16S(a[0], a[1], a[0], a[1], out, 0);
        assertV(i16(1, 13, 41, 85, 145, 221, 313, 421), out);
        long[] c = i32(0, 1, 2, 3);
        SimdOps.i32x4RelaxedDotI8x16I7x16AddS(a[0], a[1], a[0], a[1], c[0], c[1], out, 0);
        assertV(i32(14, 127, 368, 737), out);
        long[] x = i8(-128, -128, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        long[] y = i8(127, 127, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        SimdOps.i16x8RelaxedDotI8x16I7x16S(x[0], x[1], y[0], y[1], out, 0);
        assertV(i16(-32512, 32258, 0, 0, 0, 0, 0, 0), out);
        x = i8(-128, -128, -128, -128, 127, 127, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0);
        y = i8(127, 127, 127, 127, 127, 127, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0);
        c = i32(1, 2, 3, 4);
        SimdOps.i32x4RelaxedDotI8x16I7x16AddS(x[0], x[1], y[0], y[1], c[0], c[1], out, 0);
        assertV(i32(-65023, 64518, 3, 4), out);
        // the top bit set in b: the signed*signed answer 32512 is one of the allowed results
        x = i8(-128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        y = i8(-127, -127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        SimdOps.i16x8RelaxedDotI8x16I7x16S(x[0], x[1], y[0], y[1], out, 0);
        assertV(i16(32512, 0, 0, 0, 0, 0, 0, 0), out);
    }

    @Test
    void relaxedMaddIsUnfused() {
        // relaxed_madd_nmadd.wast: x*y+z with x = 1+2^-22, y = 1+2^-15, z = -(1+2^-15+2^-22) is
        // 2^-37 when fused and 0 when unfused; we document the unfused choice.
        long[] x = f32(0x1.000004p+0f, 0x1.000004p+0f, 0x1.000004p+0f, 0x1.000004p+0f);
        long[] y = f32(0x1.0002p+0f, 0x1.0002p+0f, 0x1.0002p+0f, 0x1.0002p+0f);
        long[] z = f32(-0x1.000204p+0f, -0x1.000204p+0f, -0x1.000204p+0f, -0x1.000204p+0f);
        SimdOps.f32x4RelaxedMadd(x[0], x[1], y[0], y[1], z[0], z[1], out, 0);
        assertV(f32(0, 0, 0, 0), out);
        long[] negX = f32(-0x1.000004p+0f, -0x1.000004p+0f, -0x1.000004p+0f, -0x1.000004p+0f);
        SimdOps.f32x4RelaxedNmadd(negX[0], negX[1], y[0], y[1], z[0], z[1], out, 0);
        assertV(f32(0, 0, 0, 0), out);
        // DBL_MAX * 2 - DBL_MAX: inf unfused (the other allowed answer is DBL_MAX)
        long[] m = f64(Double.MAX_VALUE, 1.0);
        long[] two = f64(2.0, 3.0);
        long[] negM = f64(-Double.MAX_VALUE, 0.5);
        SimdOps.f64x2RelaxedMadd(m[0], m[1], two[0], two[1], negM[0], negM[1], out, 0);
        assertV(f64(Double.POSITIVE_INFINITY, 3.5), out);
        SimdOps.f64x2RelaxedNmadd(m[0], m[1], two[0], two[1], negM[0], negM[1], out, 0);
        assertV(f64(Double.NEGATIVE_INFINITY, -2.5), out);
    }

    @Test
    void relaxedMinMaxAreTheStrictOnes() {
        // relaxed_min_max.wast: every lane is nan:canonical in the strict answer
        long[] a = f32(Float.intBitsToFloat(0xffc00000), Float.NaN, 0, 0);
        long[] b = f32(0, 0, Float.intBitsToFloat(0xffc00000), Float.NaN);
        SimdOps.f32x4RelaxedMin(a[0], a[1], b[0], b[1], out, 0);
        assertV(i32(0x7fc00000, 0x7fc00000, 0x7fc00000, 0x7fc00000), out);
        SimdOps.f64x2RelaxedMax(0, Double.doubleToRawLongBits(-0.0), Long.MIN_VALUE, 0, out, 0);
        assertV(i64(0, 0), out);
    }
}
