package dev.jwasm.api.numeric;

/**
 * The fixed-width SIMD operators (the spec's execution rules for "Vector Instructions", built on
 * the lane operators of section 4.3, and the relaxed-SIMD operators of WebAssembly 3.0) on v128
 * values held as two longs.
 *
 * <h2>Representation and calling convention</h2>
 *
 * A v128 is the pair ({@code lo}, {@code hi}): {@code lo} holds bytes 0 to 7 and {@code hi} bytes 8
 * to 15, little-endian, so lane 0 of every shape is in the low bits of {@code lo}. Operators whose
 * result is a v128 take the operands as separate longs and write the result to {@code out[at]}
 * (low half) and {@code out[at + 1]} (high half): the interpreter passes its frame and the result
 * slot, the JIT a per-thread two-slot scratch array. Nothing is allocated; inputs are read before
 * {@code out} is written, so {@code out} may be the array the operands came from. Operators with a
 * scalar result return it; lane indices are immediates the validator has already range-checked.
 *
 * <p>Float lanes follow {@link FloatOps}: a NaN result of an arithmetic lane operation is the
 * positive canonical NaN; {@code abs}, {@code neg}, {@code pmin} and {@code pmax} keep operand bits.
 *
 * <h2>Relaxed SIMD</h2>
 *
 * The spec lets each relaxed operator return any of a small set of results. jwasm fixes one member
 * of that set per operator, the same on every platform and in both executors, preferring the
 * result of the matching non-relaxed operator:
 *
 * <ul>
 *   <li>{@code relaxed_swizzle} is {@code swizzle} (indices from 16 up select 0);
 *   <li>{@code relaxed_trunc*} are the saturating {@code trunc_sat*} (NaN to 0, clamp out of range);
 *   <li>{@code relaxed_madd}/{@code relaxed_nmadd} are unfused: {@code a * b + c} and
 *       {@code -(a * b) + c}, each step rounded, since {@link Math#fma} is very slow on hardware
 *       without FMA;
 *   <li>{@code relaxed_laneselect} is {@code bitselect};
 *   <li>{@code relaxed_min}/{@code relaxed_max} are {@code min}/{@code max};
 *   <li>{@code relaxed_q15mulr_s} is {@code q15mulr_sat_s};
 *   <li>{@code relaxed_dot_i8x16_i7x16_s} treats both operands as signed and saturates each pair
 *       sum to i16 (wrapping would also be allowed); the {@code _add_s} form feeds that i16x8 result through
 *       {@code i32x4.extadd_pairwise_i16x8_s} and adds the accumulator with {@code i32x4.add}.
 * </ul>
 */
public final class SimdOps {
    private SimdOps() {}

    // ---- splat, lanes, swizzle, shuffle ----

    /** {@code i8x16.splat}: every lane is the low 8 bits of {@code x}. */
    public static void i8x16Splat(int x, long[] out, int at) {
        long half = (x & 0xFFL) * 0x0101_0101_0101_0101L;
        out[at] = half;
        out[at + 1] = half;
    }

    /** {@code i16x8.splat}: every lane is the low 16 bits of {@code x}. */
    public static void i16x8Splat(int x, long[] out, int at) {
        long half = (x & 0xFFFFL) * 0x0001_0001_0001_0001L;
        out[at] = half;
        out[at + 1] = half;
    }

    /** {@code i32x4.splat}: every lane is the low 32 bits of {@code x}. */
    public static void i32x4Splat(int x, long[] out, int at) {
        long half = (x & 0xFFFF_FFFFL) * 0x0000_0001_0000_0001L;
        out[at] = half;
        out[at + 1] = half;
    }

    /** {@code i64x2.splat}. */
    public static void i64x2Splat(long x, long[] out, int at) {
        out[at] = x;
        out[at + 1] = x;
    }

    /** {@code f32x4.splat}: the float's bits, NaN payload kept. */
    public static void f32x4Splat(float x, long[] out, int at) {
        i32x4Splat(Float.floatToRawIntBits(x), out, at);
    }

    /** {@code f64x2.splat}. */
    public static void f64x2Splat(double x, long[] out, int at) {
        long bits = Double.doubleToRawLongBits(x);
        out[at] = bits;
        out[at + 1] = bits;
    }

    /** {@code i8x16.extract_lane_s}. */
    public static int i8x16ExtractLaneS(long lo, long hi, int lane) {
        return (int) Lanes.signed(lane < 8 ? lo : hi, lane & 7, 8);
    }

    /** {@code i8x16.extract_lane_u}. */
    public static int i8x16ExtractLaneU(long lo, long hi, int lane) {
        return (int) Lanes.unsigned(lane < 8 ? lo : hi, lane & 7, 8);
    }

    /** {@code i16x8.extract_lane_s}. */
    public static int i16x8ExtractLaneS(long lo, long hi, int lane) {
        return (int) Lanes.signed(lane < 4 ? lo : hi, lane & 3, 16);
    }

    /** {@code i16x8.extract_lane_u}. */
    public static int i16x8ExtractLaneU(long lo, long hi, int lane) {
        return (int) Lanes.unsigned(lane < 4 ? lo : hi, lane & 3, 16);
    }

    /** {@code i32x4.extract_lane}. */
    public static int i32x4ExtractLane(long lo, long hi, int lane) {
        return (int) ((lane < 2 ? lo : hi) >>> ((lane & 1) * 32));
    }

    /** {@code i64x2.extract_lane}. */
    public static long i64x2ExtractLane(long lo, long hi, int lane) {
        return lane == 0 ? lo : hi;
    }

    /** {@code f32x4.extract_lane}: the lane's bits, NaN payload kept. */
    public static float f32x4ExtractLane(long lo, long hi, int lane) {
        return Float.intBitsToFloat(i32x4ExtractLane(lo, hi, lane));
    }

    /** {@code f64x2.extract_lane}. */
    public static double f64x2ExtractLane(long lo, long hi, int lane) {
        return Double.longBitsToDouble(lane == 0 ? lo : hi);
    }

    /** {@code i8x16.replace_lane}: lane {@code lane} becomes the low 8 bits of {@code x}. */
    public static void i8x16ReplaceLane(long lo, long hi, int lane, int x, long[] out, int at) {
        replace(lo, hi, lane, 8, 8, x, out, at);
    }

    /** {@code i16x8.replace_lane}: lane {@code lane} becomes the low 16 bits of {@code x}. */
    public static void i16x8ReplaceLane(long lo, long hi, int lane, int x, long[] out, int at) {
        replace(lo, hi, lane, 4, 16, x, out, at);
    }

    /** {@code i32x4.replace_lane}: lane {@code lane} becomes the low 32 bits of {@code x}. */
    public static void i32x4ReplaceLane(long lo, long hi, int lane, int x, long[] out, int at) {
        replace(lo, hi, lane, 2, 32, x, out, at);
    }

    /** {@code i64x2.replace_lane}. */
    public static void i64x2ReplaceLane(long lo, long hi, int lane, long x, long[] out, int at) {
        out[at] = lane == 0 ? x : lo;
        out[at + 1] = lane == 0 ? hi : x;
    }

    /** {@code f32x4.replace_lane}. */
    public static void f32x4ReplaceLane(long lo, long hi, int lane, float x, long[] out, int at) {
        i32x4ReplaceLane(lo, hi, lane, Float.floatToRawIntBits(x), out, at);
    }

    /** {@code f64x2.replace_lane}. */
    public static void f64x2ReplaceLane(long lo, long hi, int lane, double x, long[] out, int at) {
        i64x2ReplaceLane(lo, hi, lane, Double.doubleToRawLongBits(x), out, at);
    }

    private static void replace(long lo, long hi, int lane, int perHalf, int bits, long x, long[] out, int at) {
        int shift = (lane % perHalf) * bits;
        long m = Lanes.mask(bits) << shift;
        long v = (x << shift) & m;
        if (lane < perHalf) {
            lo = (lo & ~m) | v;
        } else {
            hi = (hi & ~m) | v;
        }
        out[at] = lo;
        out[at + 1] = hi;
    }

    /** Byte {@code i} (0 to 31) of the concatenation a ++ b. */
    private static long byteOf(long aLo, long aHi, long bLo, long bHi, int i) {
        long half =
                switch (i >>> 3) {
                    case 0 -> aLo;
                    case 1 -> aHi;
                    case 2 -> bLo;
                    default -> bHi;
                };
        return (half >>> ((i & 7) * 8)) & 0xFF;
    }

    /** {@code i8x16.swizzle}: result byte i is byte s[i] of a, or 0 when s[i] is 16 or more. */
    public static void i8x16Swizzle(long aLo, long aHi, long sLo, long sHi, long[] out, int at) {
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 8; i++) {
            int s0 = (int) ((sLo >>> (i * 8)) & 0xFF);
            int s1 = (int) ((sHi >>> (i * 8)) & 0xFF);
            lo |= (s0 < 16 ? byteOf(aLo, aHi, 0, 0, s0) : 0) << (i * 8);
            hi |= (s1 < 16 ? byteOf(aLo, aHi, 0, 0, s1) : 0) << (i * 8);
        }
        out[at] = lo;
        out[at + 1] = hi;
    }

    /** {@code i8x16.shuffle}: result byte i is byte idx[i] (0 to 31, validated) of a ++ b; the 16 immediate indices are passed packed like a v128. */
    public static void i8x16Shuffle(
            long aLo, long aHi, long bLo, long bHi, long idxLo, long idxHi, long[] out, int at) {
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 8; i++) {
            lo |= byteOf(aLo, aHi, bLo, bHi, (int) ((idxLo >>> (i * 8)) & 31)) << (i * 8);
            hi |= byteOf(aLo, aHi, bLo, bHi, (int) ((idxHi >>> (i * 8)) & 31)) << (i * 8);
        }
        out[at] = lo;
        out[at + 1] = hi;
    }

    // ---- bitwise ----

    public static void v128Not(long aLo, long aHi, long[] out, int at) {
        out[at] = ~aLo;
        out[at + 1] = ~aHi;
    }

    public static void v128And(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = aLo & bLo;
        out[at + 1] = aHi & bHi;
    }

    public static void v128AndNot(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = aLo & ~bLo;
        out[at + 1] = aHi & ~bHi;
    }

    public static void v128Or(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = aLo | bLo;
        out[at + 1] = aHi | bHi;
    }

    public static void v128Xor(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = aLo ^ bLo;
        out[at + 1] = aHi ^ bHi;
    }

    /** {@code v128.bitselect}: bits of a where c is 1, of b where c is 0. */
    public static void v128Bitselect(long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, long[] out, int at) {
        out[at] = (aLo & cLo) | (bLo & ~cLo);
        out[at + 1] = (aHi & cHi) | (bHi & ~cHi);
    }

    /** {@code v128.any_true}. */
    public static int v128AnyTrue(long lo, long hi) {
        return (lo | hi) != 0 ? 1 : 0;
    }

    // ---- i8x16 integer lanes ----

    public static void i8x16Add(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.add(aLo, bLo, 8);
        out[at + 1] = Lanes.add(aHi, bHi, 8);
    }

    public static void i8x16Sub(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.sub(aLo, bLo, 8);
        out[at + 1] = Lanes.sub(aHi, bHi, 8);
    }

    public static void i8x16Eq(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.eq(aLo, bLo, 8);
        out[at + 1] = Lanes.eq(aHi, bHi, 8);
    }

    public static void i8x16Ne(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.ne(aLo, bLo, 8);
        out[at + 1] = Lanes.ne(aHi, bHi, 8);
    }

    public static void i8x16LtS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.ltS(aLo, bLo, 8);
        out[at + 1] = Lanes.ltS(aHi, bHi, 8);
    }

    public static void i8x16LtU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.ltU(aLo, bLo, 8);
        out[at + 1] = Lanes.ltU(aHi, bHi, 8);
    }

    public static void i8x16GtS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.gtS(aLo, bLo, 8);
        out[at + 1] = Lanes.gtS(aHi, bHi, 8);
    }

    public static void i8x16GtU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.gtU(aLo, bLo, 8);
        out[at + 1] = Lanes.gtU(aHi, bHi, 8);
    }

    public static void i8x16LeS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.leS(aLo, bLo, 8);
        out[at + 1] = Lanes.leS(aHi, bHi, 8);
    }

    public static void i8x16LeU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.leU(aLo, bLo, 8);
        out[at + 1] = Lanes.leU(aHi, bHi, 8);
    }

    public static void i8x16GeS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.geS(aLo, bLo, 8);
        out[at + 1] = Lanes.geS(aHi, bHi, 8);
    }

    public static void i8x16GeU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.geU(aLo, bLo, 8);
        out[at + 1] = Lanes.geU(aHi, bHi, 8);
    }

    public static void i8x16MinS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.minS(aLo, bLo, 8);
        out[at + 1] = Lanes.minS(aHi, bHi, 8);
    }

    public static void i8x16MinU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.minU(aLo, bLo, 8);
        out[at + 1] = Lanes.minU(aHi, bHi, 8);
    }

    public static void i8x16MaxS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.maxS(aLo, bLo, 8);
        out[at + 1] = Lanes.maxS(aHi, bHi, 8);
    }

    public static void i8x16MaxU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.maxU(aLo, bLo, 8);
        out[at + 1] = Lanes.maxU(aHi, bHi, 8);
    }

    public static void i8x16AddSatS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.addSatS(aLo, bLo, 8);
        out[at + 1] = Lanes.addSatS(aHi, bHi, 8);
    }

    public static void i8x16AddSatU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.addSatU(aLo, bLo, 8);
        out[at + 1] = Lanes.addSatU(aHi, bHi, 8);
    }

    public static void i8x16SubSatS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.subSatS(aLo, bLo, 8);
        out[at + 1] = Lanes.subSatS(aHi, bHi, 8);
    }

    public static void i8x16SubSatU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.subSatU(aLo, bLo, 8);
        out[at + 1] = Lanes.subSatU(aHi, bHi, 8);
    }

    public static void i8x16AvgrU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.avgrU(aLo, bLo, 8);
        out[at + 1] = Lanes.avgrU(aHi, bHi, 8);
    }

    public static void i8x16Neg(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.neg(aLo, 8);
        out[at + 1] = Lanes.neg(aHi, 8);
    }

    public static void i8x16Abs(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.abs(aLo, 8);
        out[at + 1] = Lanes.abs(aHi, 8);
    }

    public static void i8x16Popcnt(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.popcnt(aLo, 8);
        out[at + 1] = Lanes.popcnt(aHi, 8);
    }

    /** Shift count taken modulo the lane width. */
    public static void i8x16Shl(long aLo, long aHi, int count, long[] out, int at) {
        out[at] = Lanes.shift(aLo, count, Lanes.SHL, 8);
        out[at + 1] = Lanes.shift(aHi, count, Lanes.SHL, 8);
    }

    public static void i8x16ShrS(long aLo, long aHi, int count, long[] out, int at) {
        out[at] = Lanes.shift(aLo, count, Lanes.SHR_S, 8);
        out[at + 1] = Lanes.shift(aHi, count, Lanes.SHR_S, 8);
    }

    public static void i8x16ShrU(long aLo, long aHi, int count, long[] out, int at) {
        out[at] = Lanes.shift(aLo, count, Lanes.SHR_U, 8);
        out[at + 1] = Lanes.shift(aHi, count, Lanes.SHR_U, 8);
    }

    public static int i8x16AllTrue(long lo, long hi) {
        return Lanes.allNonZero(lo, 8) && Lanes.allNonZero(hi, 8) ? 1 : 0;
    }

    /** Lane i's sign bit becomes bit i of the result. */
    public static int i8x16Bitmask(long lo, long hi) {
        return Lanes.signBits(lo, 8) | (Lanes.signBits(hi, 8) << 8);
    }

    // ---- i16x8 integer lanes ----

    public static void i16x8Add(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.add(aLo, bLo, 16);
        out[at + 1] = Lanes.add(aHi, bHi, 16);
    }

    public static void i16x8Sub(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.sub(aLo, bLo, 16);
        out[at + 1] = Lanes.sub(aHi, bHi, 16);
    }

    public static void i16x8Eq(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.eq(aLo, bLo, 16);
        out[at + 1] = Lanes.eq(aHi, bHi, 16);
    }

    public static void i16x8Ne(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.ne(aLo, bLo, 16);
        out[at + 1] = Lanes.ne(aHi, bHi, 16);
    }

    public static void i16x8LtS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.ltS(aLo, bLo, 16);
        out[at + 1] = Lanes.ltS(aHi, bHi, 16);
    }

    public static void i16x8LtU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.ltU(aLo, bLo, 16);
        out[at + 1] = Lanes.ltU(aHi, bHi, 16);
    }

    public static void i16x8GtS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.gtS(aLo, bLo, 16);
        out[at + 1] = Lanes.gtS(aHi, bHi, 16);
    }

    public static void i16x8GtU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.gtU(aLo, bLo, 16);
        out[at + 1] = Lanes.gtU(aHi, bHi, 16);
    }

    public static void i16x8LeS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.leS(aLo, bLo, 16);
        out[at + 1] = Lanes.leS(aHi, bHi, 16);
    }

    public static void i16x8LeU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.leU(aLo, bLo, 16);
        out[at + 1] = Lanes.leU(aHi, bHi, 16);
    }

    public static void i16x8GeS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.geS(aLo, bLo, 16);
        out[at + 1] = Lanes.geS(aHi, bHi, 16);
    }

    public static void i16x8GeU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.geU(aLo, bLo, 16);
        out[at + 1] = Lanes.geU(aHi, bHi, 16);
    }

    public static void i16x8MinS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.minS(aLo, bLo, 16);
        out[at + 1] = Lanes.minS(aHi, bHi, 16);
    }

    public static void i16x8MinU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.minU(aLo, bLo, 16);
        out[at + 1] = Lanes.minU(aHi, bHi, 16);
    }

    public static void i16x8MaxS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.maxS(aLo, bLo, 16);
        out[at + 1] = Lanes.maxS(aHi, bHi, 16);
    }

    public static void i16x8MaxU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.maxU(aLo, bLo, 16);
        out[at + 1] = Lanes.maxU(aHi, bHi, 16);
    }

    public static void i16x8AddSatS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.addSatS(aLo, bLo, 16);
        out[at + 1] = Lanes.addSatS(aHi, bHi, 16);
    }

    public static void i16x8AddSatU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.addSatU(aLo, bLo, 16);
        out[at + 1] = Lanes.addSatU(aHi, bHi, 16);
    }

    public static void i16x8SubSatS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.subSatS(aLo, bLo, 16);
        out[at + 1] = Lanes.subSatS(aHi, bHi, 16);
    }

    public static void i16x8SubSatU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.subSatU(aLo, bLo, 16);
        out[at + 1] = Lanes.subSatU(aHi, bHi, 16);
    }

    public static void i16x8AvgrU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.avgrU(aLo, bLo, 16);
        out[at + 1] = Lanes.avgrU(aHi, bHi, 16);
    }

    public static void i16x8Mul(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.mul(aLo, bLo, 16);
        out[at + 1] = Lanes.mul(aHi, bHi, 16);
    }

    public static void i16x8Q15mulrSatS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.q15mulrSatS(aLo, bLo, 16);
        out[at + 1] = Lanes.q15mulrSatS(aHi, bHi, 16);
    }

    public static void i16x8Neg(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.neg(aLo, 16);
        out[at + 1] = Lanes.neg(aHi, 16);
    }

    public static void i16x8Abs(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.abs(aLo, 16);
        out[at + 1] = Lanes.abs(aHi, 16);
    }

    /** Shift count taken modulo the lane width. */
    public static void i16x8Shl(long aLo, long aHi, int count, long[] out, int at) {
        out[at] = Lanes.shift(aLo, count, Lanes.SHL, 16);
        out[at + 1] = Lanes.shift(aHi, count, Lanes.SHL, 16);
    }

    public static void i16x8ShrS(long aLo, long aHi, int count, long[] out, int at) {
        out[at] = Lanes.shift(aLo, count, Lanes.SHR_S, 16);
        out[at + 1] = Lanes.shift(aHi, count, Lanes.SHR_S, 16);
    }

    public static void i16x8ShrU(long aLo, long aHi, int count, long[] out, int at) {
        out[at] = Lanes.shift(aLo, count, Lanes.SHR_U, 16);
        out[at + 1] = Lanes.shift(aHi, count, Lanes.SHR_U, 16);
    }

    public static int i16x8AllTrue(long lo, long hi) {
        return Lanes.allNonZero(lo, 16) && Lanes.allNonZero(hi, 16) ? 1 : 0;
    }

    /** Lane i's sign bit becomes bit i of the result. */
    public static int i16x8Bitmask(long lo, long hi) {
        return Lanes.signBits(lo, 16) | (Lanes.signBits(hi, 16) << 4);
    }

    // ---- i32x4 integer lanes ----

    public static void i32x4Add(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.add(aLo, bLo, 32);
        out[at + 1] = Lanes.add(aHi, bHi, 32);
    }

    public static void i32x4Sub(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.sub(aLo, bLo, 32);
        out[at + 1] = Lanes.sub(aHi, bHi, 32);
    }

    public static void i32x4Eq(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.eq(aLo, bLo, 32);
        out[at + 1] = Lanes.eq(aHi, bHi, 32);
    }

    public static void i32x4Ne(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.ne(aLo, bLo, 32);
        out[at + 1] = Lanes.ne(aHi, bHi, 32);
    }

    public static void i32x4LtS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.ltS(aLo, bLo, 32);
        out[at + 1] = Lanes.ltS(aHi, bHi, 32);
    }

    public static void i32x4LtU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.ltU(aLo, bLo, 32);
        out[at + 1] = Lanes.ltU(aHi, bHi, 32);
    }

    public static void i32x4GtS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.gtS(aLo, bLo, 32);
        out[at + 1] = Lanes.gtS(aHi, bHi, 32);
    }

    public static void i32x4GtU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.gtU(aLo, bLo, 32);
        out[at + 1] = Lanes.gtU(aHi, bHi, 32);
    }

    public static void i32x4LeS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.leS(aLo, bLo, 32);
        out[at + 1] = Lanes.leS(aHi, bHi, 32);
    }

    public static void i32x4LeU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.leU(aLo, bLo, 32);
        out[at + 1] = Lanes.leU(aHi, bHi, 32);
    }

    public static void i32x4GeS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.geS(aLo, bLo, 32);
        out[at + 1] = Lanes.geS(aHi, bHi, 32);
    }

    public static void i32x4GeU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.geU(aLo, bLo, 32);
        out[at + 1] = Lanes.geU(aHi, bHi, 32);
    }

    public static void i32x4MinS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.minS(aLo, bLo, 32);
        out[at + 1] = Lanes.minS(aHi, bHi, 32);
    }

    public static void i32x4MinU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.minU(aLo, bLo, 32);
        out[at + 1] = Lanes.minU(aHi, bHi, 32);
    }

    public static void i32x4MaxS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.maxS(aLo, bLo, 32);
        out[at + 1] = Lanes.maxS(aHi, bHi, 32);
    }

    public static void i32x4MaxU(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.maxU(aLo, bLo, 32);
        out[at + 1] = Lanes.maxU(aHi, bHi, 32);
    }

    public static void i32x4Mul(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.mul(aLo, bLo, 32);
        out[at + 1] = Lanes.mul(aHi, bHi, 32);
    }

    public static void i32x4Neg(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.neg(aLo, 32);
        out[at + 1] = Lanes.neg(aHi, 32);
    }

    public static void i32x4Abs(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.abs(aLo, 32);
        out[at + 1] = Lanes.abs(aHi, 32);
    }

    /** Shift count taken modulo the lane width. */
    public static void i32x4Shl(long aLo, long aHi, int count, long[] out, int at) {
        out[at] = Lanes.shift(aLo, count, Lanes.SHL, 32);
        out[at + 1] = Lanes.shift(aHi, count, Lanes.SHL, 32);
    }

    public static void i32x4ShrS(long aLo, long aHi, int count, long[] out, int at) {
        out[at] = Lanes.shift(aLo, count, Lanes.SHR_S, 32);
        out[at + 1] = Lanes.shift(aHi, count, Lanes.SHR_S, 32);
    }

    public static void i32x4ShrU(long aLo, long aHi, int count, long[] out, int at) {
        out[at] = Lanes.shift(aLo, count, Lanes.SHR_U, 32);
        out[at + 1] = Lanes.shift(aHi, count, Lanes.SHR_U, 32);
    }

    public static int i32x4AllTrue(long lo, long hi) {
        return Lanes.allNonZero(lo, 32) && Lanes.allNonZero(hi, 32) ? 1 : 0;
    }

    /** Lane i's sign bit becomes bit i of the result. */
    public static int i32x4Bitmask(long lo, long hi) {
        return Lanes.signBits(lo, 32) | (Lanes.signBits(hi, 32) << 2);
    }

    // ---- i64x2 integer lanes ----

    public static void i64x2Add(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = aLo + bLo;
        out[at + 1] = aHi + bHi;
    }

    public static void i64x2Sub(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = aLo - bLo;
        out[at + 1] = aHi - bHi;
    }

    public static void i64x2Mul(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = aLo * bLo;
        out[at + 1] = aHi * bHi;
    }

    public static void i64x2Eq(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = aLo == bLo ? -1L : 0;
        out[at + 1] = aHi == bHi ? -1L : 0;
    }

    public static void i64x2Ne(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = aLo != bLo ? -1L : 0;
        out[at + 1] = aHi != bHi ? -1L : 0;
    }

    public static void i64x2LtS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = aLo < bLo ? -1L : 0;
        out[at + 1] = aHi < bHi ? -1L : 0;
    }

    public static void i64x2GtS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = aLo > bLo ? -1L : 0;
        out[at + 1] = aHi > bHi ? -1L : 0;
    }

    public static void i64x2LeS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = aLo <= bLo ? -1L : 0;
        out[at + 1] = aHi <= bHi ? -1L : 0;
    }

    public static void i64x2GeS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = aLo >= bLo ? -1L : 0;
        out[at + 1] = aHi >= bHi ? -1L : 0;
    }

    public static void i64x2Neg(long aLo, long aHi, long[] out, int at) {
        out[at] = -aLo;
        out[at + 1] = -aHi;
    }

    public static void i64x2Abs(long aLo, long aHi, long[] out, int at) {
        out[at] = Math.abs(aLo);
        out[at + 1] = Math.abs(aHi);
    }

    /** Shift count taken modulo 64 (Java's long shifts already do this). */
    public static void i64x2Shl(long aLo, long aHi, int count, long[] out, int at) {
        out[at] = aLo << count;
        out[at + 1] = aHi << count;
    }

    public static void i64x2ShrS(long aLo, long aHi, int count, long[] out, int at) {
        out[at] = aLo >> count;
        out[at + 1] = aHi >> count;
    }

    public static void i64x2ShrU(long aLo, long aHi, int count, long[] out, int at) {
        out[at] = aLo >>> count;
        out[at + 1] = aHi >>> count;
    }

    public static int i64x2AllTrue(long lo, long hi) {
        return lo != 0 && hi != 0 ? 1 : 0;
    }

    public static int i64x2Bitmask(long lo, long hi) {
        return (int) ((lo >>> 63) | ((hi >>> 63) << 1));
    }

    // ---- narrow, extend, extmul, extadd_pairwise, dot ----

    /** {@code i8x16.narrow_i16x8_s}: a's lanes then b's, each saturated. */
    public static void i8x16NarrowI16x8S(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.narrow(aLo, aHi, 8, true);
        out[at + 1] = Lanes.narrow(bLo, bHi, 8, true);
    }

    /** {@code i8x16.narrow_i16x8_u}: a's lanes then b's, each saturated. */
    public static void i8x16NarrowI16x8U(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.narrow(aLo, aHi, 8, false);
        out[at + 1] = Lanes.narrow(bLo, bHi, 8, false);
    }

    /** {@code i16x8.narrow_i32x4_s}: a's lanes then b's, each saturated. */
    public static void i16x8NarrowI32x4S(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.narrow(aLo, aHi, 16, true);
        out[at + 1] = Lanes.narrow(bLo, bHi, 16, true);
    }

    /** {@code i16x8.narrow_i32x4_u}: a's lanes then b's, each saturated. */
    public static void i16x8NarrowI32x4U(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.narrow(aLo, aHi, 16, false);
        out[at + 1] = Lanes.narrow(bLo, bHi, 16, false);
    }

    public static void i16x8ExtendLowI8x16S(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.widen(aLo, 0, 8, true);
        out[at + 1] = Lanes.widen(aLo, 4, 8, true);
    }

    public static void i16x8ExtendHighI8x16S(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.widen(aHi, 0, 8, true);
        out[at + 1] = Lanes.widen(aHi, 4, 8, true);
    }

    public static void i16x8ExtmulLowI8x16S(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        long lo = Lanes.mul(Lanes.widen(aLo, 0, 8, true), Lanes.widen(bLo, 0, 8, true), 16);
        long hi = Lanes.mul(Lanes.widen(aLo, 4, 8, true), Lanes.widen(bLo, 4, 8, true), 16);
        out[at] = lo;
        out[at + 1] = hi;
    }

    public static void i16x8ExtmulHighI8x16S(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        long lo = Lanes.mul(Lanes.widen(aHi, 0, 8, true), Lanes.widen(bHi, 0, 8, true), 16);
        long hi = Lanes.mul(Lanes.widen(aHi, 4, 8, true), Lanes.widen(bHi, 4, 8, true), 16);
        out[at] = lo;
        out[at + 1] = hi;
    }

    public static void i16x8ExtendLowI8x16U(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.widen(aLo, 0, 8, false);
        out[at + 1] = Lanes.widen(aLo, 4, 8, false);
    }

    public static void i16x8ExtendHighI8x16U(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.widen(aHi, 0, 8, false);
        out[at + 1] = Lanes.widen(aHi, 4, 8, false);
    }

    public static void i16x8ExtmulLowI8x16U(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        long lo = Lanes.mul(Lanes.widen(aLo, 0, 8, false), Lanes.widen(bLo, 0, 8, false), 16);
        long hi = Lanes.mul(Lanes.widen(aLo, 4, 8, false), Lanes.widen(bLo, 4, 8, false), 16);
        out[at] = lo;
        out[at + 1] = hi;
    }

    public static void i16x8ExtmulHighI8x16U(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        long lo = Lanes.mul(Lanes.widen(aHi, 0, 8, false), Lanes.widen(bHi, 0, 8, false), 16);
        long hi = Lanes.mul(Lanes.widen(aHi, 4, 8, false), Lanes.widen(bHi, 4, 8, false), 16);
        out[at] = lo;
        out[at + 1] = hi;
    }

    public static void i32x4ExtendLowI16x8S(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.widen(aLo, 0, 16, true);
        out[at + 1] = Lanes.widen(aLo, 2, 16, true);
    }

    public static void i32x4ExtendHighI16x8S(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.widen(aHi, 0, 16, true);
        out[at + 1] = Lanes.widen(aHi, 2, 16, true);
    }

    public static void i32x4ExtmulLowI16x8S(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        long lo = Lanes.mul(Lanes.widen(aLo, 0, 16, true), Lanes.widen(bLo, 0, 16, true), 32);
        long hi = Lanes.mul(Lanes.widen(aLo, 2, 16, true), Lanes.widen(bLo, 2, 16, true), 32);
        out[at] = lo;
        out[at + 1] = hi;
    }

    public static void i32x4ExtmulHighI16x8S(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        long lo = Lanes.mul(Lanes.widen(aHi, 0, 16, true), Lanes.widen(bHi, 0, 16, true), 32);
        long hi = Lanes.mul(Lanes.widen(aHi, 2, 16, true), Lanes.widen(bHi, 2, 16, true), 32);
        out[at] = lo;
        out[at + 1] = hi;
    }

    public static void i32x4ExtendLowI16x8U(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.widen(aLo, 0, 16, false);
        out[at + 1] = Lanes.widen(aLo, 2, 16, false);
    }

    public static void i32x4ExtendHighI16x8U(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.widen(aHi, 0, 16, false);
        out[at + 1] = Lanes.widen(aHi, 2, 16, false);
    }

    public static void i32x4ExtmulLowI16x8U(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        long lo = Lanes.mul(Lanes.widen(aLo, 0, 16, false), Lanes.widen(bLo, 0, 16, false), 32);
        long hi = Lanes.mul(Lanes.widen(aLo, 2, 16, false), Lanes.widen(bLo, 2, 16, false), 32);
        out[at] = lo;
        out[at + 1] = hi;
    }

    public static void i32x4ExtmulHighI16x8U(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        long lo = Lanes.mul(Lanes.widen(aHi, 0, 16, false), Lanes.widen(bHi, 0, 16, false), 32);
        long hi = Lanes.mul(Lanes.widen(aHi, 2, 16, false), Lanes.widen(bHi, 2, 16, false), 32);
        out[at] = lo;
        out[at + 1] = hi;
    }

    public static void i64x2ExtendLowI32x4S(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.widen(aLo, 0, 32, true);
        out[at + 1] = Lanes.widen(aLo, 1, 32, true);
    }

    public static void i64x2ExtendHighI32x4S(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.widen(aHi, 0, 32, true);
        out[at + 1] = Lanes.widen(aHi, 1, 32, true);
    }

    public static void i64x2ExtmulLowI32x4S(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        long x0 = Lanes.widen(aLo, 0, 32, true);
        long x1 = Lanes.widen(aLo, 1, 32, true);
        long y0 = Lanes.widen(bLo, 0, 32, true);
        long y1 = Lanes.widen(bLo, 1, 32, true);
        out[at] = x0 * y0;
        out[at + 1] = x1 * y1;
    }

    public static void i64x2ExtmulHighI32x4S(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        long x0 = Lanes.widen(aHi, 0, 32, true);
        long x1 = Lanes.widen(aHi, 1, 32, true);
        long y0 = Lanes.widen(bHi, 0, 32, true);
        long y1 = Lanes.widen(bHi, 1, 32, true);
        out[at] = x0 * y0;
        out[at + 1] = x1 * y1;
    }

    public static void i64x2ExtendLowI32x4U(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.widen(aLo, 0, 32, false);
        out[at + 1] = Lanes.widen(aLo, 1, 32, false);
    }

    public static void i64x2ExtendHighI32x4U(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.widen(aHi, 0, 32, false);
        out[at + 1] = Lanes.widen(aHi, 1, 32, false);
    }

    public static void i64x2ExtmulLowI32x4U(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        long x0 = Lanes.widen(aLo, 0, 32, false);
        long x1 = Lanes.widen(aLo, 1, 32, false);
        long y0 = Lanes.widen(bLo, 0, 32, false);
        long y1 = Lanes.widen(bLo, 1, 32, false);
        out[at] = x0 * y0;
        out[at + 1] = x1 * y1;
    }

    public static void i64x2ExtmulHighI32x4U(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        long x0 = Lanes.widen(aHi, 0, 32, false);
        long x1 = Lanes.widen(aHi, 1, 32, false);
        long y0 = Lanes.widen(bHi, 0, 32, false);
        long y1 = Lanes.widen(bHi, 1, 32, false);
        out[at] = x0 * y0;
        out[at + 1] = x1 * y1;
    }

    public static void i16x8ExtaddPairwiseI8x16S(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.pairwise(aLo, 8, true);
        out[at + 1] = Lanes.pairwise(aHi, 8, true);
    }

    public static void i16x8ExtaddPairwiseI8x16U(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.pairwise(aLo, 8, false);
        out[at + 1] = Lanes.pairwise(aHi, 8, false);
    }

    public static void i32x4ExtaddPairwiseI16x8S(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.pairwise(aLo, 16, true);
        out[at + 1] = Lanes.pairwise(aHi, 16, true);
    }

    public static void i32x4ExtaddPairwiseI16x8U(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.pairwise(aLo, 16, false);
        out[at + 1] = Lanes.pairwise(aHi, 16, false);
    }

    /** {@code i32x4.dot_i16x8_s}: pairs of signed products summed, wrapping (only -2^15·-2^15·2 wraps). */
    public static void i32x4DotI16x8S(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.dot(aLo, bLo, 16, false);
        out[at + 1] = Lanes.dot(aHi, bHi, 16, false);
    }

    // ---- f32x4 ----

    public static void f32x4Add(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.f32Add(aLo, bLo);
        out[at + 1] = Lanes.f32Add(aHi, bHi);
    }

    public static void f32x4Sub(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.f32Sub(aLo, bLo);
        out[at + 1] = Lanes.f32Sub(aHi, bHi);
    }

    public static void f32x4Mul(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.f32Mul(aLo, bLo);
        out[at + 1] = Lanes.f32Mul(aHi, bHi);
    }

    public static void f32x4Div(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.f32Div(aLo, bLo);
        out[at + 1] = Lanes.f32Div(aHi, bHi);
    }

    public static void f32x4Min(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.f32Min(aLo, bLo);
        out[at + 1] = Lanes.f32Min(aHi, bHi);
    }

    public static void f32x4Max(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.f32Max(aLo, bLo);
        out[at + 1] = Lanes.f32Max(aHi, bHi);
    }

    public static void f32x4Pmin(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.f32Pmin(aLo, bLo);
        out[at + 1] = Lanes.f32Pmin(aHi, bHi);
    }

    public static void f32x4Pmax(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.f32Pmax(aLo, bLo);
        out[at + 1] = Lanes.f32Pmax(aHi, bHi);
    }

    public static void f32x4Eq(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.f32Eq(aLo, bLo);
        out[at + 1] = Lanes.f32Eq(aHi, bHi);
    }

    public static void f32x4Ne(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.f32Ne(aLo, bLo);
        out[at + 1] = Lanes.f32Ne(aHi, bHi);
    }

    public static void f32x4Lt(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.f32Lt(aLo, bLo);
        out[at + 1] = Lanes.f32Lt(aHi, bHi);
    }

    public static void f32x4Gt(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.f32Gt(aLo, bLo);
        out[at + 1] = Lanes.f32Gt(aHi, bHi);
    }

    public static void f32x4Le(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.f32Le(aLo, bLo);
        out[at + 1] = Lanes.f32Le(aHi, bHi);
    }

    public static void f32x4Ge(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.f32Ge(aLo, bLo);
        out[at + 1] = Lanes.f32Ge(aHi, bHi);
    }

    public static void f32x4Sqrt(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.f32Sqrt(aLo);
        out[at + 1] = Lanes.f32Sqrt(aHi);
    }

    public static void f32x4Ceil(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.f32Ceil(aLo);
        out[at + 1] = Lanes.f32Ceil(aHi);
    }

    public static void f32x4Floor(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.f32Floor(aLo);
        out[at + 1] = Lanes.f32Floor(aHi);
    }

    public static void f32x4Trunc(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.f32Trunc(aLo);
        out[at + 1] = Lanes.f32Trunc(aHi);
    }

    public static void f32x4Nearest(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.f32Nearest(aLo);
        out[at + 1] = Lanes.f32Nearest(aHi);
    }

    /** Clears each lane's sign bit; NaN payloads kept. */
    public static void f32x4Abs(long aLo, long aHi, long[] out, int at) {
        out[at] = aLo & 0x7FFF_FFFF_7FFF_FFFFL;
        out[at + 1] = aHi & 0x7FFF_FFFF_7FFF_FFFFL;
    }

    /** Flips each lane's sign bit; NaN payloads kept. */
    public static void f32x4Neg(long aLo, long aHi, long[] out, int at) {
        out[at] = aLo ^ 0x8000_0000_8000_0000L;
        out[at + 1] = aHi ^ 0x8000_0000_8000_0000L;
    }

    // ---- f64x2 ----

    public static void f64x2Add(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.canon(f64(aLo) + f64(bLo));
        out[at + 1] = Lanes.canon(f64(aHi) + f64(bHi));
    }

    public static void f64x2Sub(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.canon(f64(aLo) - f64(bLo));
        out[at + 1] = Lanes.canon(f64(aHi) - f64(bHi));
    }

    public static void f64x2Mul(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.canon(f64(aLo) * f64(bLo));
        out[at + 1] = Lanes.canon(f64(aHi) * f64(bHi));
    }

    public static void f64x2Div(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.canon(f64(aLo) / f64(bLo));
        out[at + 1] = Lanes.canon(f64(aHi) / f64(bHi));
    }

    public static void f64x2Min(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.canon(FloatOps.f64Min(f64(aLo), f64(bLo)));
        out[at + 1] = Lanes.canon(FloatOps.f64Min(f64(aHi), f64(bHi)));
    }

    public static void f64x2Max(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.canon(FloatOps.f64Max(f64(aLo), f64(bLo)));
        out[at + 1] = Lanes.canon(FloatOps.f64Max(f64(aHi), f64(bHi)));
    }

    public static void f64x2Pmin(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.f64Pmin(aLo, bLo);
        out[at + 1] = Lanes.f64Pmin(aHi, bHi);
    }

    public static void f64x2Pmax(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.f64Pmax(aLo, bLo);
        out[at + 1] = Lanes.f64Pmax(aHi, bHi);
    }

    public static void f64x2Eq(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = f64(aLo) == f64(bLo) ? -1L : 0;
        out[at + 1] = f64(aHi) == f64(bHi) ? -1L : 0;
    }

    public static void f64x2Ne(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = f64(aLo) != f64(bLo) ? -1L : 0;
        out[at + 1] = f64(aHi) != f64(bHi) ? -1L : 0;
    }

    public static void f64x2Lt(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = f64(aLo) < f64(bLo) ? -1L : 0;
        out[at + 1] = f64(aHi) < f64(bHi) ? -1L : 0;
    }

    public static void f64x2Gt(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = f64(aLo) > f64(bLo) ? -1L : 0;
        out[at + 1] = f64(aHi) > f64(bHi) ? -1L : 0;
    }

    public static void f64x2Le(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = f64(aLo) <= f64(bLo) ? -1L : 0;
        out[at + 1] = f64(aHi) <= f64(bHi) ? -1L : 0;
    }

    public static void f64x2Ge(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = f64(aLo) >= f64(bLo) ? -1L : 0;
        out[at + 1] = f64(aHi) >= f64(bHi) ? -1L : 0;
    }

    public static void f64x2Sqrt(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.canon(FloatOps.f64Sqrt(f64(aLo)));
        out[at + 1] = Lanes.canon(FloatOps.f64Sqrt(f64(aHi)));
    }

    public static void f64x2Ceil(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.canon(FloatOps.f64Ceil(f64(aLo)));
        out[at + 1] = Lanes.canon(FloatOps.f64Ceil(f64(aHi)));
    }

    public static void f64x2Floor(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.canon(FloatOps.f64Floor(f64(aLo)));
        out[at + 1] = Lanes.canon(FloatOps.f64Floor(f64(aHi)));
    }

    public static void f64x2Trunc(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.canon(FloatOps.f64Trunc(f64(aLo)));
        out[at + 1] = Lanes.canon(FloatOps.f64Trunc(f64(aHi)));
    }

    public static void f64x2Nearest(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.canon(FloatOps.f64Nearest(f64(aLo)));
        out[at + 1] = Lanes.canon(FloatOps.f64Nearest(f64(aHi)));
    }

    public static void f64x2Abs(long aLo, long aHi, long[] out, int at) {
        out[at] = aLo & Long.MAX_VALUE;
        out[at + 1] = aHi & Long.MAX_VALUE;
    }

    public static void f64x2Neg(long aLo, long aHi, long[] out, int at) {
        out[at] = aLo ^ Long.MIN_VALUE;
        out[at + 1] = aHi ^ Long.MIN_VALUE;
    }

    // ---- conversions ----

    private static float f32(long half, int lane) {
        return Float.intBitsToFloat((int) (half >>> (lane * 32)));
    }

    private static int i32(long half, int lane) {
        return (int) (half >>> (lane * 32));
    }

    private static double f64(long bits) {
        return Double.longBitsToDouble(bits);
    }

    public static void i32x4TruncSatF32x4S(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.pack32(Conversions.i32TruncSatF32S(f32(aLo, 0)), Conversions.i32TruncSatF32S(f32(aLo, 1)));
        out[at + 1] = Lanes.pack32(Conversions.i32TruncSatF32S(f32(aHi, 0)), Conversions.i32TruncSatF32S(f32(aHi, 1)));
    }

    public static void f32x4ConvertI32x4S(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.pack32(
                Float.floatToRawIntBits((float) i32(aLo, 0)), Float.floatToRawIntBits((float) i32(aLo, 1)));
        out[at + 1] = Lanes.pack32(
                Float.floatToRawIntBits((float) i32(aHi, 0)), Float.floatToRawIntBits((float) i32(aHi, 1)));
    }

    /** The two results go to lanes 0 and 1; lanes 2 and 3 are zero. */
    public static void i32x4TruncSatF64x2SZero(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.pack32(Conversions.i32TruncSatF64S(f64(aLo)), Conversions.i32TruncSatF64S(f64(aHi)));
        out[at + 1] = 0;
    }

    /** Converts lanes 0 and 1. */
    public static void f64x2ConvertLowI32x4S(long aLo, long aHi, long[] out, int at) {
        out[at] = Double.doubleToRawLongBits((double) i32(aLo, 0));
        out[at + 1] = Double.doubleToRawLongBits((double) i32(aLo, 1));
    }

    public static void i32x4TruncSatF32x4U(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.pack32(Conversions.i32TruncSatF32U(f32(aLo, 0)), Conversions.i32TruncSatF32U(f32(aLo, 1)));
        out[at + 1] = Lanes.pack32(Conversions.i32TruncSatF32U(f32(aHi, 0)), Conversions.i32TruncSatF32U(f32(aHi, 1)));
    }

    public static void f32x4ConvertI32x4U(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.pack32(
                Float.floatToRawIntBits(Conversions.f32ConvertI32U(i32(aLo, 0))),
                Float.floatToRawIntBits(Conversions.f32ConvertI32U(i32(aLo, 1))));
        out[at + 1] = Lanes.pack32(
                Float.floatToRawIntBits(Conversions.f32ConvertI32U(i32(aHi, 0))),
                Float.floatToRawIntBits(Conversions.f32ConvertI32U(i32(aHi, 1))));
    }

    /** The two results go to lanes 0 and 1; lanes 2 and 3 are zero. */
    public static void i32x4TruncSatF64x2UZero(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.pack32(Conversions.i32TruncSatF64U(f64(aLo)), Conversions.i32TruncSatF64U(f64(aHi)));
        out[at + 1] = 0;
    }

    /** Converts lanes 0 and 1. */
    public static void f64x2ConvertLowI32x4U(long aLo, long aHi, long[] out, int at) {
        out[at] = Double.doubleToRawLongBits(Conversions.f64ConvertI32U(i32(aLo, 0)));
        out[at + 1] = Double.doubleToRawLongBits(Conversions.f64ConvertI32U(i32(aLo, 1)));
    }

    /** Lanes 2 and 3 of the result are zero; NaNs become canonical. */
    public static void f32x4DemoteF64x2Zero(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.pack32(
                Lanes.canon(FloatOps.f32DemoteF64(f64(aLo))), Lanes.canon(FloatOps.f32DemoteF64(f64(aHi))));
        out[at + 1] = 0;
    }

    /** Promotes lanes 0 and 1; NaNs become canonical. */
    public static void f64x2PromoteLowF32x4(long aLo, long aHi, long[] out, int at) {
        out[at] = Lanes.canon(FloatOps.f64PromoteF32(f32(aLo, 0)));
        out[at + 1] = Lanes.canon(FloatOps.f64PromoteF32(f32(aLo, 1)));
    }

    // ---- relaxed SIMD (deterministic choices listed in the class comment) ----

    public static void i8x16RelaxedSwizzle(long aLo, long aHi, long sLo, long sHi, long[] out, int at) {
        i8x16Swizzle(aLo, aHi, sLo, sHi, out, at);
    }

    public static void i32x4RelaxedTruncF32x4S(long aLo, long aHi, long[] out, int at) {
        i32x4TruncSatF32x4S(aLo, aHi, out, at);
    }

    public static void i32x4RelaxedTruncF64x2SZero(long aLo, long aHi, long[] out, int at) {
        i32x4TruncSatF64x2SZero(aLo, aHi, out, at);
    }

    public static void i32x4RelaxedTruncF32x4U(long aLo, long aHi, long[] out, int at) {
        i32x4TruncSatF32x4U(aLo, aHi, out, at);
    }

    public static void i32x4RelaxedTruncF64x2UZero(long aLo, long aHi, long[] out, int at) {
        i32x4TruncSatF64x2UZero(aLo, aHi, out, at);
    }

    /** Unfused: (a * b) + c with two roundings. */
    public static void f32x4RelaxedMadd(
            long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, long[] out, int at) {
        out[at] = madd32(aLo, bLo, cLo);
        out[at + 1] = madd32(aHi, bHi, cHi);
    }

    public static void f64x2RelaxedMadd(
            long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, long[] out, int at) {
        out[at] = Lanes.canon((f64(aLo) * f64(bLo)) + f64(cLo));
        out[at + 1] = Lanes.canon((f64(aHi) * f64(bHi)) + f64(cHi));
    }

    /** Unfused: -(a * b) + c with two roundings. */
    public static void f32x4RelaxedNmadd(
            long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, long[] out, int at) {
        out[at] = nmadd32(aLo, bLo, cLo);
        out[at + 1] = nmadd32(aHi, bHi, cHi);
    }

    public static void f64x2RelaxedNmadd(
            long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, long[] out, int at) {
        out[at] = Lanes.canon(-(f64(aLo) * f64(bLo)) + f64(cLo));
        out[at + 1] = Lanes.canon(-(f64(aHi) * f64(bHi)) + f64(cHi));
    }

    private static long madd32(long a, long b, long c) {
        return Lanes.pack32(
                Lanes.canon(f32(a, 0) * f32(b, 0) + f32(c, 0)), Lanes.canon(f32(a, 1) * f32(b, 1) + f32(c, 1)));
    }

    private static long nmadd32(long a, long b, long c) {
        return Lanes.pack32(
                Lanes.canon(-(f32(a, 0) * f32(b, 0)) + f32(c, 0)), Lanes.canon(-(f32(a, 1) * f32(b, 1)) + f32(c, 1)));
    }

    public static void i8x16RelaxedLaneselect(
            long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, long[] out, int at) {
        v128Bitselect(aLo, aHi, bLo, bHi, cLo, cHi, out, at);
    }

    public static void i16x8RelaxedLaneselect(
            long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, long[] out, int at) {
        v128Bitselect(aLo, aHi, bLo, bHi, cLo, cHi, out, at);
    }

    public static void i32x4RelaxedLaneselect(
            long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, long[] out, int at) {
        v128Bitselect(aLo, aHi, bLo, bHi, cLo, cHi, out, at);
    }

    public static void i64x2RelaxedLaneselect(
            long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, long[] out, int at) {
        v128Bitselect(aLo, aHi, bLo, bHi, cLo, cHi, out, at);
    }

    public static void f32x4RelaxedMin(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        f32x4Min(aLo, aHi, bLo, bHi, out, at);
    }

    public static void f32x4RelaxedMax(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        f32x4Max(aLo, aHi, bLo, bHi, out, at);
    }

    public static void f64x2RelaxedMin(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        f64x2Min(aLo, aHi, bLo, bHi, out, at);
    }

    public static void f64x2RelaxedMax(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        f64x2Max(aLo, aHi, bLo, bHi, out, at);
    }

    public static void i16x8RelaxedQ15mulrS(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        i16x8Q15mulrSatS(aLo, aHi, bLo, bHi, out, at);
    }

    /** Both operands signed; each pair sum saturated to i16. */
    public static void i16x8RelaxedDotI8x16I7x16S(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        out[at] = Lanes.dot(aLo, bLo, 8, true);
        out[at + 1] = Lanes.dot(aHi, bHi, 8, true);
    }

    /** The i16x8 relaxed dot, pairwise-added into i32 lanes, plus c with wrap-around. */
    public static void i32x4RelaxedDotI8x16I7x16AddS(
            long aLo, long aHi, long bLo, long bHi, long cLo, long cHi, long[] out, int at) {
        out[at] = dot4(aLo, bLo, cLo);
        out[at + 1] = dot4(aHi, bHi, cHi);
    }

    /** The i16x8 relaxed dot, then {@code extadd_pairwise_s} into i32 lanes, then + c (wrapping). */
    private static long dot4(long a, long b, long c) {
        long sums = Lanes.pairwise(Lanes.dot(a, b, 8, true), 16, true);
        return Lanes.pack32((int) sums + (int) c, (int) (sums >>> 32) + (int) (c >>> 32));
    }
}
