package dev.jwasm.api.numeric;

/**
 * Lane-wise kernels on one 64-bit half of a v128, used by {@link SimdOps}. Integer lanes of 8, 16
 * and 32 bits are read sign-extended into a {@code long}, where no operation here can overflow, and
 * written back truncated. The {@code op} argument is always a compile-time constant at the call
 * site, so once HotSpot inlines a kernel the {@code switch} folds away.
 */
final class Lanes {
    static final int ADD = 0;
    static final int SUB = 1;
    static final int MUL = 2;
    static final int ADD_SAT_S = 3;
    static final int ADD_SAT_U = 4;
    static final int SUB_SAT_S = 5;
    static final int SUB_SAT_U = 6;
    static final int MIN_S = 7;
    static final int MIN_U = 8;
    static final int MAX_S = 9;
    static final int MAX_U = 10;
    static final int AVGR_U = 11;
    static final int EQ = 12;
    static final int NE = 13;
    static final int LT_S = 14;
    static final int LT_U = 15;
    static final int GT_S = 16;
    static final int GT_U = 17;
    static final int LE_S = 18;
    static final int LE_U = 19;
    static final int GE_S = 20;
    static final int GE_U = 21;
    static final int NEG = 22;
    static final int ABS = 23;
    static final int POPCNT = 24;
    static final int Q15MULR_SAT_S = 25;
    static final int SHL = 26;
    static final int SHR_S = 27;
    static final int SHR_U = 28;

    // float lane operations
    static final int F_ADD = 0;
    static final int F_SUB = 1;
    static final int F_MUL = 2;
    static final int F_DIV = 3;
    static final int F_MIN = 4;
    static final int F_MAX = 5;
    static final int F_PMIN = 6;
    static final int F_PMAX = 7;
    static final int F_EQ = 8;
    static final int F_NE = 9;
    static final int F_LT = 10;
    static final int F_GT = 11;
    static final int F_LE = 12;
    static final int F_GE = 13;
    static final int F_SQRT = 14;
    static final int F_CEIL = 15;
    static final int F_FLOOR = 16;
    static final int F_TRUNC = 17;
    static final int F_NEAREST = 18;

    private Lanes() {}

    /** Lane {@code i} of width {@code bits} of {@code half}, sign-extended. */
    static long signed(long half, int i, int bits) {
        return (half << (64 - bits - i * bits)) >> (64 - bits);
    }

    /** Lane {@code i} of width {@code bits} of {@code half}, zero-extended. */
    static long unsigned(long half, int i, int bits) {
        return (half >>> (i * bits)) & mask(bits);
    }

    static long mask(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    /** Applies a binary (or, ignoring {@code b}, unary) integer lane operation to every lane. */
    static long map(long a, long b, int op, int bits) {
        long r = 0;
        long m = mask(bits);
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= (lane(op, x, y, bits) & m) << (i * bits);
        }
        return r;
    }

    /** Shifts every lane by {@code k mod bits} (spec 4.4.3.x: shift counts are taken modulo the lane width). */
    static long shift(long a, int k, int op, int bits) {
        int s = k & (bits - 1);
        long r = 0;
        long m = mask(bits);
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long v =
                    switch (op) {
                        case SHL -> x << s;
                        case SHR_S -> x >> s;
                        default -> (x & m) >>> s;
                    };
            r |= (v & m) << (i * bits);
        }
        return r;
    }

    private static long lane(int op, long x, long y, int bits) {
        long m = mask(bits);
        long max = m >>> 1;
        long min = ~max;
        long ux = x & m;
        long uy = y & m;
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case ADD_SAT_S -> Math.clamp(x + y, min, max);
            case ADD_SAT_U -> Math.min(ux + uy, m);
            case SUB_SAT_S -> Math.clamp(x - y, min, max);
            case SUB_SAT_U -> Math.max(ux - uy, 0);
            case MIN_S -> Math.min(x, y);
            case MIN_U -> Math.min(ux, uy);
            case MAX_S -> Math.max(x, y);
            case MAX_U -> Math.max(ux, uy);
            case AVGR_U -> (ux + uy + 1) >>> 1;
            case EQ -> x == y ? -1 : 0;
            case NE -> x != y ? -1 : 0;
            case LT_S -> x < y ? -1 : 0;
            case LT_U -> ux < uy ? -1 : 0;
            case GT_S -> x > y ? -1 : 0;
            case GT_U -> ux > uy ? -1 : 0;
            case LE_S -> x <= y ? -1 : 0;
            case LE_U -> ux <= uy ? -1 : 0;
            case GE_S -> x >= y ? -1 : 0;
            case GE_U -> ux >= uy ? -1 : 0;
            case NEG -> -x;
            case ABS -> Math.abs(x); // abs(MIN) wraps back to MIN once truncated, as the spec says
            case POPCNT -> Long.bitCount(ux);
            case Q15MULR_SAT_S -> Math.clamp((x * y + 0x4000) >> 15, min, max);
            default -> throw new IllegalArgumentException("lane op " + op);
        };
    }

    /** Saturates each signed lane of {@code lo} then {@code hi} (width {@code 2 * bits}) to {@code bits}. */
    static long narrow(long lo, long hi, int bits, boolean signed) {
        int wide = bits * 2;
        int n = 64 / wide;
        long m = mask(bits);
        long min = signed ? ~(m >>> 1) : 0;
        long max = signed ? m >>> 1 : m;
        long r = 0;
        for (int i = 0; i < n; i++) {
            r |= (Math.clamp(signed(lo, i, wide), min, max) & m) << (i * bits);
            r |= (Math.clamp(signed(hi, i, wide), min, max) & m) << ((i + n) * bits);
        }
        return r;
    }

    /** Widens lanes {@code first .. first + 64/(2*bits) - 1} of {@code half} to twice their width. */
    static long widen(long half, int first, int bits, boolean signed) {
        int wide = bits * 2;
        long m = mask(wide);
        long r = 0;
        for (int i = 0, n = 64 / wide; i < n; i++) {
            long v = signed ? signed(half, first + i, bits) : unsigned(half, first + i, bits);
            r |= (v & m) << (i * wide);
        }
        return r;
    }

    /** Adds adjacent lane pairs of width {@code bits} into lanes of width {@code 2 * bits}. */
    static long pairwise(long half, int bits, boolean signed) {
        int wide = bits * 2;
        long m = mask(wide);
        long r = 0;
        for (int i = 0, n = 64 / wide; i < n; i++) {
            long x = signed ? signed(half, 2 * i, bits) : unsigned(half, 2 * i, bits);
            long y = signed ? signed(half, 2 * i + 1, bits) : unsigned(half, 2 * i + 1, bits);
            r |= ((x + y) & m) << (i * wide);
        }
        return r;
    }

    /**
     * Multiplies signed lane pairs of width {@code bits} and adds each adjacent pair of products
     * into a lane of width {@code 2 * bits}, wrapping or saturating.
     */
    static long dot(long a, long b, int bits, boolean saturate) {
        int wide = bits * 2;
        long m = mask(wide);
        long r = 0;
        for (int i = 0, n = 64 / wide; i < n; i++) {
            long s = signed(a, 2 * i, bits) * signed(b, 2 * i, bits)
                    + signed(a, 2 * i + 1, bits) * signed(b, 2 * i + 1, bits);
            if (saturate) {
                s = Math.clamp(s, ~(m >>> 1), m >>> 1);
            }
            r |= (s & m) << (i * wide);
        }
        return r;
    }

    /** True when every lane of width {@code bits} in {@code half} is non-zero. */
    static boolean allNonZero(long half, int bits) {
        for (int i = 0, n = 64 / bits; i < n; i++) {
            if (unsigned(half, i, bits) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The sign bits of the lanes of {@code half}, lane 0 in bit 0. */
    static int signBits(long half, int bits) {
        int r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            r |= (int) ((half >>> ((i + 1) * bits - 1)) & 1) << i;
        }
        return r;
    }

    // ---- float lanes ----

    static long f32Map(long a, long b, int op) {
        long r0 = f32Lane(op, (int) a, (int) b) & 0xFFFF_FFFFL;
        long r1 = f32Lane(op, (int) (a >>> 32), (int) (b >>> 32));
        return r0 | (r1 << 32);
    }

    private static int f32Lane(int op, int a, int b) {
        float x = Float.intBitsToFloat(a);
        float y = Float.intBitsToFloat(b);
        return switch (op) {
            case F_ADD -> canon(x + y);
            case F_SUB -> canon(x - y);
            case F_MUL -> canon(x * y);
            case F_DIV -> canon(x / y);
            case F_MIN -> canon(FloatOps.f32Min(x, y));
            case F_MAX -> canon(FloatOps.f32Max(x, y));
            case F_PMIN -> y < x ? b : a; // pseudo-min returns an operand's exact bits, NaNs included
            case F_PMAX -> x < y ? b : a;
            case F_EQ -> x == y ? -1 : 0;
            case F_NE -> x != y ? -1 : 0;
            case F_LT -> x < y ? -1 : 0;
            case F_GT -> x > y ? -1 : 0;
            case F_LE -> x <= y ? -1 : 0;
            case F_GE -> x >= y ? -1 : 0;
            case F_SQRT -> canon(FloatOps.f32Sqrt(x));
            case F_CEIL -> canon(FloatOps.f32Ceil(x));
            case F_FLOOR -> canon(FloatOps.f32Floor(x));
            case F_TRUNC -> canon(FloatOps.f32Trunc(x));
            case F_NEAREST -> canon(FloatOps.f32Nearest(x));
            default -> throw new IllegalArgumentException("float lane op " + op);
        };
    }

    static long f64Lane(int op, long a, long b) {
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        return switch (op) {
            case F_ADD -> canon(x + y);
            case F_SUB -> canon(x - y);
            case F_MUL -> canon(x * y);
            case F_DIV -> canon(x / y);
            case F_MIN -> canon(FloatOps.f64Min(x, y));
            case F_MAX -> canon(FloatOps.f64Max(x, y));
            case F_PMIN -> y < x ? b : a;
            case F_PMAX -> x < y ? b : a;
            case F_EQ -> x == y ? -1 : 0;
            case F_NE -> x != y ? -1 : 0;
            case F_LT -> x < y ? -1 : 0;
            case F_GT -> x > y ? -1 : 0;
            case F_LE -> x <= y ? -1 : 0;
            case F_GE -> x >= y ? -1 : 0;
            case F_SQRT -> canon(FloatOps.f64Sqrt(x));
            case F_CEIL -> canon(FloatOps.f64Ceil(x));
            case F_FLOOR -> canon(FloatOps.f64Floor(x));
            case F_TRUNC -> canon(FloatOps.f64Trunc(x));
            case F_NEAREST -> canon(FloatOps.f64Nearest(x));
            default -> throw new IllegalArgumentException("float lane op " + op);
        };
    }

    /** The bits of {@code f}, with any NaN replaced by the canonical NaN (see {@link FloatOps}). */
    static int canon(float f) {
        return f != f ? FloatOps.F32_CANONICAL_NAN_BITS : Float.floatToRawIntBits(f);
    }

    static long canon(double d) {
        return d != d ? FloatOps.F64_CANONICAL_NAN_BITS : Double.doubleToRawLongBits(d);
    }

    static long pack32(int lo, int hi) {
        return (lo & 0xFFFF_FFFFL) | ((long) hi << 32);
    }
}
