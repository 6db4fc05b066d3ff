package dev.jwasm.api.numeric;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;

/**
 * Numeric conversions of spec section 4.3.4 ("Conversions"): trapping and saturating truncation,
 * unsigned integer to float conversion, and reinterpretation.
 *
 * <p>Every trapping truncation widens a float input to double first (exact) and compares against
 * the first out-of-range value on each side, so the range edges are exact: for i32 signed the
 * valid inputs are the open interval (-2^31 - 1, 2^31), for i32 unsigned (-1, 2^32), for i64
 * signed [-2^63, 2^63) and for i64 unsigned (-1, 2^64). Inside those intervals truncation toward
 * zero always fits. NaN traps with "invalid conversion to integer", any other out-of-range input
 * with "integer overflow" (4.3.4 trunc: the result is undefined, so the instruction traps).
 *
 * <p>Signed integer to float uses the JVM's {@code i2f}, {@code l2f}, {@code l2d}, which round to
 * nearest even as 4.3.4 convert requires; the unsigned forms are here.
 */
public final class Conversions {
    private static final double TWO_31 = 0x1p31;
    private static final double TWO_32 = 0x1p32;
    private static final double TWO_63 = 0x1p63;
    private static final double TWO_64 = 0x1p64;

    private Conversions() {}

    // ---- trapping truncation (4.3.4 trunc_s, trunc_u) ----

    public static int i32TruncF32S(float a) {
        return i32TruncF64S(a);
    }

    public static int i32TruncF32U(float a) {
        return i32TruncF64U(a);
    }

    public static long i64TruncF32S(float a) {
        return i64TruncF64S(a);
    }

    public static long i64TruncF32U(float a) {
        return i64TruncF64U(a);
    }

    /** {@code i32.trunc_f64_s}: valid inputs are the open interval (-2^31 - 1, 2^31). */
    public static int i32TruncF64S(double a) {
        if (!(a > -TWO_31 - 1.0 && a < TWO_31)) {
            throw truncFailure(a);
        }
        return (int) a;
    }

    /** {@code i32.trunc_f64_u}: valid inputs are (-1, 2^32); -0.9 truncates to 0. */
    public static int i32TruncF64U(double a) {
        if (!(a > -1.0 && a < TWO_32)) {
            throw truncFailure(a);
        }
        return (int) (long) a;
    }

    /** {@code i64.trunc_f64_s}: -2^63 is valid; the next double below it is not. */
    public static long i64TruncF64S(double a) {
        if (!(a >= -TWO_63 && a < TWO_63)) {
            throw truncFailure(a);
        }
        return (long) a;
    }

    /** {@code i64.trunc_f64_u}: valid inputs are (-1, 2^64). */
    public static long i64TruncF64U(double a) {
        if (!(a > -1.0 && a < TWO_64)) {
            throw truncFailure(a);
        }
        return truncToU64(a);
    }

    // ---- saturating truncation (4.3.4 trunc_sat_s, trunc_sat_u) ----
    // The JVM's f2i, f2l, d2i and d2l are exactly trunc_sat_s: NaN gives 0, and out-of-range values
    // clamp to the type's bounds (JLS 5.1.3).

    public static int i32TruncSatF32S(float a) {
        return (int) a;
    }

    public static long i64TruncSatF32S(float a) {
        return (long) a;
    }

    public static int i32TruncSatF64S(double a) {
        return (int) a;
    }

    public static long i64TruncSatF64S(double a) {
        return (long) a;
    }

    public static int i32TruncSatF32U(float a) {
        return i32TruncSatF64U(a);
    }

    public static long i64TruncSatF32U(float a) {
        return i64TruncSatF64U(a);
    }

    /** {@code i32.trunc_sat_f64_u}: NaN and negatives give 0, values from 2^32 up give 2^32 - 1. */
    public static int i32TruncSatF64U(double a) {
        if (!(a > 0)) {
            return 0; // NaN, negatives and both zeros
        }
        if (a >= TWO_32) {
            return -1;
        }
        return (int) (long) a;
    }

    /** {@code i64.trunc_sat_f64_u}. */
    public static long i64TruncSatF64U(double a) {
        if (!(a > 0)) {
            return 0;
        }
        if (a >= TWO_64) {
            return -1L;
        }
        return truncToU64(a);
    }

    /** Truncates a value in [0, 2^64) to its unsigned 64-bit pattern. */
    private static long truncToU64(double a) {
        if (a < TWO_63) {
            return (long) a;
        }
        // a is an integer here (doubles ≥ 2^52 have no fraction), so the subtraction is exact.
        return (long) (a - TWO_63) ^ Long.MIN_VALUE;
    }

    private static Trap truncFailure(double a) {
        return new Trap(a != a ? TrapKind.INVALID_CONVERSION_TO_INTEGER : TrapKind.INTEGER_OVERFLOW);
    }

    // ---- unsigned integer to float (4.3.4 convert_u) ----

    /** {@code f32.convert_i32_u}: l2f of the zero-extended value rounds once, to nearest even. */
    public static float f32ConvertI32U(int a) {
        return (float) (a & 0xFFFF_FFFFL);
    }

    /** {@code f64.convert_i32_u}: exact. */
    public static double f64ConvertI32U(int a) {
        return (double) (a & 0xFFFF_FFFFL);
    }

    /**
     * {@code f32.convert_i64_u}. Values at or above 2^63 are halved before the signed conversion;
     * the dropped low bit is ORed back in as a sticky bit, so the single rounding to 24 bits still
     * sees whether the value was above a tie. Converting via double instead would round twice and
     * get ties wrong (e.g. 0x8000_0080_0000_0001 must round up to 0x1.000002p63).
     */
    public static float f32ConvertI64U(long a) {
        if (a >= 0) {
            return (float) a;
        }
        return (float) ((a >>> 1) | (a & 1)) * 2.0f;
    }

    /** {@code f64.convert_i64_u}, with the same sticky-bit halving as {@link #f32ConvertI64U}. */
    public static double f64ConvertI64U(long a) {
        if (a >= 0) {
            return (double) a;
        }
        return (double) ((a >>> 1) | (a & 1)) * 2.0;
    }

    // ---- reinterpretation (4.3.4 reinterpret): raw bits, NaN payloads preserved ----

    public static int i32ReinterpretF32(float a) {
        return Float.floatToRawIntBits(a);
    }

    public static long i64ReinterpretF64(double a) {
        return Double.doubleToRawLongBits(a);
    }

    public static float f32ReinterpretI32(int a) {
        return Float.intBitsToFloat(a);
    }

    public static double f64ReinterpretI64(long a) {
        return Double.longBitsToDouble(a);
    }
}
