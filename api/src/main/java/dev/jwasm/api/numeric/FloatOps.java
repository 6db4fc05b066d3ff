package dev.jwasm.api.numeric;

/**
 * Floating-point operators of spec section 4.3.3 ("Floating-Point Operations") whose JVM
 * counterpart is not already exact for Wasm.
 *
 * <h2>NaN rules</h2>
 *
 * The spec lets an operator that produces a NaN return any NaN of the set {@code nans{z*}}: the
 * canonical NaN (quiet bit only, either sign) when every NaN input is canonical, otherwise any
 * <em>arithmetic</em> NaN (quiet bit set). A canonical NaN is a member of that set in every case,
 * so this class always answers the positive canonical NaN ({@link #F32_CANONICAL_NAN_BITS},
 * {@link #F64_CANONICAL_NAN_BITS}) for min, max, sqrt, ceil, floor, trunc, nearest, demote and
 * promote. That makes interpreter and JIT bit-identical and never lets a signalling NaN input
 * escape unquieted, which {@link Math#min(float, float)} and {@link Math#rint(double)} would do.
 *
 * <p>{@code abs}, {@code neg} and {@code copysign} are not arithmetic: the spec defines them on
 * the sign bit alone and they keep every NaN payload, signalling ones included. The {@code Bits}
 * variants work on raw bit patterns and are exact on every JVM; the {@code float}/{@code double}
 * variants rely on {@link Float#floatToRawIntBits} and {@link Float#intBitsToFloat} being plain
 * moves, which holds for HotSpot on x86-64 and AArch64.
 *
 * <p>The JVM's {@code fadd}, {@code fsub}, {@code fmul}, {@code fdiv} and comparisons already
 * follow IEEE 754 round-to-nearest-even as spec 4.3.3 requires, so executors use them directly.
 */
public final class FloatOps {
    /** The positive canonical f32 NaN: exponent all ones, only the quiet bit of the payload set. */
    public static final int F32_CANONICAL_NAN_BITS = 0x7FC0_0000;

    /** The positive canonical f64 NaN. */
    public static final long F64_CANONICAL_NAN_BITS = 0x7FF8_0000_0000_0000L;

    private static final float F32_NAN = Float.intBitsToFloat(F32_CANONICAL_NAN_BITS);
    private static final double F64_NAN = Double.longBitsToDouble(F64_CANONICAL_NAN_BITS);

    private FloatOps() {}

    // ---- f32 ----

    /** {@code f32.min} (4.3.3 fmin): NaN if either input is NaN; -0 is below +0. */
    public static float f32Min(float a, float b) {
        float r = Math.min(a, b); // Math.min already orders -0 below +0 and propagates NaN
        return r != r ? F32_NAN : r;
    }

    /** {@code f32.max} (4.3.3 fmax). */
    public static float f32Max(float a, float b) {
        float r = Math.max(a, b);
        return r != r ? F32_NAN : r;
    }

    /** {@code f32.sqrt}: the double square root rounded to float is correctly rounded (53 ≥ 2·24+2). */
    public static float f32Sqrt(float a) {
        float r = (float) Math.sqrt(a);
        return r != r ? F32_NAN : r;
    }

    /** {@code f32.ceil}; keeps the sign of zero results, e.g. ceil(-0.5) = -0. */
    public static float f32Ceil(float a) {
        return a != a ? F32_NAN : (float) Math.ceil(a);
    }

    public static float f32Floor(float a) {
        return a != a ? F32_NAN : (float) Math.floor(a);
    }

    /** {@code f32.trunc}: rounds toward zero; trunc(-0.5) = -0. */
    public static float f32Trunc(float a) {
        if (a != a) {
            return F32_NAN;
        }
        return (float) (a < 0 ? Math.ceil(a) : Math.floor(a));
    }

    /** {@code f32.nearest}: round to nearest, ties to even; nearest(-0.5) = -0. */
    public static float f32Nearest(float a) {
        return a != a ? F32_NAN : (float) Math.rint(a);
    }

    public static float f32Abs(float a) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(a) & 0x7FFF_FFFF);
    }

    public static float f32Neg(float a) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(a) ^ 0x8000_0000);
    }

    /** {@code f32.copysign}: magnitude of {@code a}, sign of {@code b}, NaNs included. */
    public static float f32Copysign(float a, float b) {
        return Float.intBitsToFloat(f32CopysignBits(Float.floatToRawIntBits(a), Float.floatToRawIntBits(b)));
    }

    public static int f32AbsBits(int a) {
        return a & 0x7FFF_FFFF;
    }

    public static int f32NegBits(int a) {
        return a ^ 0x8000_0000;
    }

    public static int f32CopysignBits(int a, int b) {
        return (a & 0x7FFF_FFFF) | (b & 0x8000_0000);
    }

    /** {@code f32.demote_f64}: round to nearest even; overflow gives ±infinity. */
    public static float f32DemoteF64(double a) {
        return a != a ? F32_NAN : (float) a;
    }

    // ---- f64 ----

    public static double f64Min(double a, double b) {
        double r = Math.min(a, b);
        return r != r ? F64_NAN : r;
    }

    public static double f64Max(double a, double b) {
        double r = Math.max(a, b);
        return r != r ? F64_NAN : r;
    }

    public static double f64Sqrt(double a) {
        double r = Math.sqrt(a);
        return r != r ? F64_NAN : r;
    }

    public static double f64Ceil(double a) {
        return a != a ? F64_NAN : Math.ceil(a);
    }

    public static double f64Floor(double a) {
        return a != a ? F64_NAN : Math.floor(a);
    }

    public static double f64Trunc(double a) {
        if (a != a) {
            return F64_NAN;
        }
        return a < 0 ? Math.ceil(a) : Math.floor(a);
    }

    public static double f64Nearest(double a) {
        return a != a ? F64_NAN : Math.rint(a);
    }

    public static double f64Abs(double a) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & Long.MAX_VALUE);
    }

    public static double f64Neg(double a) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) ^ Long.MIN_VALUE);
    }

    public static double f64Copysign(double a, double b) {
        return Double.longBitsToDouble(f64CopysignBits(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b)));
    }

    public static long f64AbsBits(long a) {
        return a & Long.MAX_VALUE;
    }

    public static long f64NegBits(long a) {
        return a ^ Long.MIN_VALUE;
    }

    public static long f64CopysignBits(long a, long b) {
        return (a & Long.MAX_VALUE) | (b & Long.MIN_VALUE);
    }

    /** {@code f64.promote_f32}: exact for every non-NaN input. */
    public static double f64PromoteF32(float a) {
        return a != a ? F64_NAN : (double) a;
    }
}
