package dev.jwasm.api.numeric;

/**
 * Lane-wise kernels on one 64-bit half of a v128, used by {@link SimdOps}. Integer lanes of 8, 16
 * and 32 bits are read sign-extended into a {@code long}, where no operation here can overflow, and
 * written back truncated. Each operator has its own small kernel (well under HotSpot's 325-byte
 * {@code FreqInlineSize}), so a SimdOps method inlines with its kernel into the caller; the
 * {@code bits} argument is a constant at every call site and the lane loops unroll.
 */
final class Lanes {
    /** The {@code op} of {@link #shift}; a constant at every call site, so its switch folds away. */
    static final int SHL = 0;

    static final int SHR_S = 1;
    static final int SHR_U = 2;

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

    /** Shifts every lane by {@code k mod bits}: the vector shifts take the count modulo the lane width. */
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

    /** High bit of every lane, for the carry-free SWAR add and subtract. */
    private static long highBits(int bits) {
        return switch (bits) {
            case 8 -> 0x8080_8080_8080_8080L;
            case 16 -> 0x8000_8000_8000_8000L;
            default -> 0x8000_0000_8000_0000L;
        };
    }

    /** Lane-wise wrapping add: add the low bits of each lane, then fix the high bit by xor. */
    static long add(long a, long b, int bits) {
        long h = highBits(bits);
        return ((a & ~h) + (b & ~h)) ^ ((a ^ b) & h);
    }

    /** Lane-wise wrapping subtract: borrows stop at each lane's preset high bit. */
    static long sub(long a, long b, int bits) {
        long h = highBits(bits);
        return ((a | h) - (b & ~h)) ^ ((a ^ ~b) & h);
    }

    static long mul(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((x * y) & m) << (i * bits);
        }
        return r;
    }

    static long addSatS(long a, long b, int bits) {
        long m = mask(bits);
        long max = m >>> 1;
        long min = ~max;
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((Math.clamp(x + y, min, max)) & m) << (i * bits);
        }
        return r;
    }

    static long addSatU(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((Math.min((x & m) + (y & m), m)) & m) << (i * bits);
        }
        return r;
    }

    static long subSatS(long a, long b, int bits) {
        long m = mask(bits);
        long max = m >>> 1;
        long min = ~max;
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((Math.clamp(x - y, min, max)) & m) << (i * bits);
        }
        return r;
    }

    static long subSatU(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((Math.max((x & m) - (y & m), 0)) & m) << (i * bits);
        }
        return r;
    }

    static long minS(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((Math.min(x, y)) & m) << (i * bits);
        }
        return r;
    }

    static long minU(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((Math.min(x & m, y & m)) & m) << (i * bits);
        }
        return r;
    }

    static long maxS(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((Math.max(x, y)) & m) << (i * bits);
        }
        return r;
    }

    static long maxU(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((Math.max(x & m, y & m)) & m) << (i * bits);
        }
        return r;
    }

    static long avgrU(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((((x & m) + (y & m) + 1) >>> 1) & m) << (i * bits);
        }
        return r;
    }

    static long eq(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((x == y ? -1 : 0) & m) << (i * bits);
        }
        return r;
    }

    static long ne(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((x != y ? -1 : 0) & m) << (i * bits);
        }
        return r;
    }

    static long ltS(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((x < y ? -1 : 0) & m) << (i * bits);
        }
        return r;
    }

    static long ltU(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= (((x & m) < (y & m) ? -1 : 0) & m) << (i * bits);
        }
        return r;
    }

    static long gtS(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((x > y ? -1 : 0) & m) << (i * bits);
        }
        return r;
    }

    static long gtU(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= (((x & m) > (y & m) ? -1 : 0) & m) << (i * bits);
        }
        return r;
    }

    static long leS(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((x <= y ? -1 : 0) & m) << (i * bits);
        }
        return r;
    }

    static long leU(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= (((x & m) <= (y & m) ? -1 : 0) & m) << (i * bits);
        }
        return r;
    }

    static long geS(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((x >= y ? -1 : 0) & m) << (i * bits);
        }
        return r;
    }

    static long geU(long a, long b, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= (((x & m) >= (y & m) ? -1 : 0) & m) << (i * bits);
        }
        return r;
    }

    static long q15mulrSatS(long a, long b, int bits) {
        long m = mask(bits);
        long max = m >>> 1;
        long min = ~max;
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            long y = signed(b, i, bits);
            r |= ((Math.clamp((x * y + 0x4000) >> 15, min, max)) & m) << (i * bits);
        }
        return r;
    }

    static long neg(long a, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            r |= ((-x) & m) << (i * bits);
        }
        return r;
    }

    static long abs(long a, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            r |= ((Math.abs(x)) & m) << (i * bits); // abs(MIN) wraps back to MIN once truncated, as the spec says
        }
        return r;
    }

    static long popcnt(long a, int bits) {
        long m = mask(bits);
        long r = 0;
        for (int i = 0, n = 64 / bits; i < n; i++) {
            long x = signed(a, i, bits);
            r |= ((Long.bitCount(x & m)) & m) << (i * bits);
        }
        return r;
    }

    private static float f32(long half, int lane) {
        return Float.intBitsToFloat((int) (half >>> (lane * 32)));
    }

    private static int f32Bits(long half, int lane) {
        return (int) (half >>> (lane * 32));
    }

    static long f32Add(long a, long b) {
        return pack32(canon(f32(a, 0) + f32(b, 0)), canon(f32(a, 1) + f32(b, 1)));
    }

    static long f32Sub(long a, long b) {
        return pack32(canon(f32(a, 0) - f32(b, 0)), canon(f32(a, 1) - f32(b, 1)));
    }

    static long f32Mul(long a, long b) {
        return pack32(canon(f32(a, 0) * f32(b, 0)), canon(f32(a, 1) * f32(b, 1)));
    }

    static long f32Div(long a, long b) {
        return pack32(canon(f32(a, 0) / f32(b, 0)), canon(f32(a, 1) / f32(b, 1)));
    }

    static long f32Min(long a, long b) {
        return pack32(canon(FloatOps.f32Min(f32(a, 0), f32(b, 0))), canon(FloatOps.f32Min(f32(a, 1), f32(b, 1))));
    }

    static long f32Max(long a, long b) {
        return pack32(canon(FloatOps.f32Max(f32(a, 0), f32(b, 0))), canon(FloatOps.f32Max(f32(a, 1), f32(b, 1))));
    }

    static long f32Sqrt(long a) {
        return pack32(canon(FloatOps.f32Sqrt(f32(a, 0))), canon(FloatOps.f32Sqrt(f32(a, 1))));
    }

    static long f32Ceil(long a) {
        return pack32(canon(FloatOps.f32Ceil(f32(a, 0))), canon(FloatOps.f32Ceil(f32(a, 1))));
    }

    static long f32Floor(long a) {
        return pack32(canon(FloatOps.f32Floor(f32(a, 0))), canon(FloatOps.f32Floor(f32(a, 1))));
    }

    static long f32Trunc(long a) {
        return pack32(canon(FloatOps.f32Trunc(f32(a, 0))), canon(FloatOps.f32Trunc(f32(a, 1))));
    }

    static long f32Nearest(long a) {
        return pack32(canon(FloatOps.f32Nearest(f32(a, 0))), canon(FloatOps.f32Nearest(f32(a, 1))));
    }

    static long f32Eq(long a, long b) {
        return pack32(f32(a, 0) == f32(b, 0) ? -1 : 0, f32(a, 1) == f32(b, 1) ? -1 : 0);
    }

    static long f32Ne(long a, long b) {
        return pack32(f32(a, 0) != f32(b, 0) ? -1 : 0, f32(a, 1) != f32(b, 1) ? -1 : 0);
    }

    static long f32Lt(long a, long b) {
        return pack32(f32(a, 0) < f32(b, 0) ? -1 : 0, f32(a, 1) < f32(b, 1) ? -1 : 0);
    }

    static long f32Gt(long a, long b) {
        return pack32(f32(a, 0) > f32(b, 0) ? -1 : 0, f32(a, 1) > f32(b, 1) ? -1 : 0);
    }

    static long f32Le(long a, long b) {
        return pack32(f32(a, 0) <= f32(b, 0) ? -1 : 0, f32(a, 1) <= f32(b, 1) ? -1 : 0);
    }

    static long f32Ge(long a, long b) {
        return pack32(f32(a, 0) >= f32(b, 0) ? -1 : 0, f32(a, 1) >= f32(b, 1) ? -1 : 0);
    }

    /** Pseudo-minimum, {@code b < a ? b : a}: returns an operand's exact bits, NaNs included. */
    static long f32Pmin(long a, long b) {
        return pack32(
                f32(b, 0) < f32(a, 0) ? f32Bits(b, 0) : f32Bits(a, 0),
                f32(b, 1) < f32(a, 1) ? f32Bits(b, 1) : f32Bits(a, 1));
    }

    /** Pseudo-maximum, {@code a < b ? b : a}. */
    static long f32Pmax(long a, long b) {
        return pack32(
                f32(a, 0) < f32(b, 0) ? f32Bits(b, 0) : f32Bits(a, 0),
                f32(a, 1) < f32(b, 1) ? f32Bits(b, 1) : f32Bits(a, 1));
    }

    static long f64Pmin(long a, long b) {
        return Double.longBitsToDouble(b) < Double.longBitsToDouble(a) ? b : a;
    }

    static long f64Pmax(long a, long b) {
        return Double.longBitsToDouble(a) < Double.longBitsToDouble(b) ? b : a;
    }
}
