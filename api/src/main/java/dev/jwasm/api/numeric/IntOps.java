package dev.jwasm.api.numeric;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;

/**
 * Integer operators of spec section 4.3.2 ("Integer Operations") whose JVM counterpart differs
 * from Wasm: trapping division, unsigned comparisons, bit counts, sign extension, and the
 * wide-arithmetic proposal. Operators the JVM already implements exactly ({@code iadd},
 * {@code imul}, {@code ishl} with its implicit {@code & 31} shift mask, and so on) are left to the
 * executors.
 *
 * <p>Comparisons return the Wasm i32 boolean ({@code 0} or {@code 1}). Operators with a 128-bit
 * result write the low half to {@code out[at]} and the high half to {@code out[at + 1]}, the same
 * convention as {@link SimdOps}.
 */
public final class IntOps {
    private IntOps() {}

    // ---- i32 division (4.3.2: idiv_s, idiv_u, irem_s, irem_u) ----

    /** {@code i32.div_s}: traps on a zero divisor and on {@code MIN_VALUE / -1}, whose quotient is 2^31. */
    public static int i32DivS(int a, int b) {
        if (b == 0) {
            throw divideByZero();
        }
        if (b == -1 && a == Integer.MIN_VALUE) {
            throw overflow();
        }
        return a / b;
    }

    /**
     * {@code i32.div_u}, as a signed division of the zero-extended operands: exact, as fast as
     * {@code Integer.divideUnsigned} for a variable divisor, and for a constant one (after the JIT's
     * code inlines this) C2 turns a long division into a multiplication, which it does not do for
     * the unsigned int intrinsic.
     */
    public static int i32DivU(int a, int b) {
        if (b == 0) {
            throw divideByZero();
        }
        return (int) (Integer.toUnsignedLong(a) / Integer.toUnsignedLong(b));
    }

    /** {@code i32.rem_s}: {@code MIN_VALUE rem -1} is 0, not a trap; the sign follows the dividend. */
    public static int i32RemS(int a, int b) {
        if (b == 0) {
            throw divideByZero();
        }
        return a % b; // JVM irem already gives 0 for MIN_VALUE % -1
    }

    /** {@code i32.rem_u}, through long arithmetic for the reason given at {@link #i32DivU}. */
    public static int i32RemU(int a, int b) {
        if (b == 0) {
            throw divideByZero();
        }
        return (int) (Integer.toUnsignedLong(a) % Integer.toUnsignedLong(b));
    }

    // ---- i64 division ----

    /** {@code i64.div_s}. */
    public static long i64DivS(long a, long b) {
        if (b == 0) {
            throw divideByZero();
        }
        if (b == -1 && a == Long.MIN_VALUE) {
            throw overflow();
        }
        return a / b;
    }

    /** {@code i64.div_u}. */
    public static long i64DivU(long a, long b) {
        if (b == 0) {
            throw divideByZero();
        }
        return Long.divideUnsigned(a, b);
    }

    /** {@code i64.rem_s}. */
    public static long i64RemS(long a, long b) {
        if (b == 0) {
            throw divideByZero();
        }
        return a % b;
    }

    /** {@code i64.rem_u}. */
    public static long i64RemU(long a, long b) {
        if (b == 0) {
            throw divideByZero();
        }
        return Long.remainderUnsigned(a, b);
    }

    // ---- bit operations (4.3.2: irotl, irotr, iclz, ictz, ipopcnt) ----
    // The JDK rotates by (k mod N), which is what the spec asks for.

    public static int i32Rotl(int a, int k) {
        return Integer.rotateLeft(a, k);
    }

    public static int i32Rotr(int a, int k) {
        return Integer.rotateRight(a, k);
    }

    public static int i32Clz(int a) {
        return Integer.numberOfLeadingZeros(a);
    }

    public static int i32Ctz(int a) {
        return Integer.numberOfTrailingZeros(a);
    }

    public static int i32Popcnt(int a) {
        return Integer.bitCount(a);
    }

    public static long i64Rotl(long a, long k) {
        return Long.rotateLeft(a, (int) k);
    }

    public static long i64Rotr(long a, long k) {
        return Long.rotateRight(a, (int) k);
    }

    /** {@code i64.clz}; the result is an i64. */
    public static long i64Clz(long a) {
        return Long.numberOfLeadingZeros(a);
    }

    public static long i64Ctz(long a) {
        return Long.numberOfTrailingZeros(a);
    }

    public static long i64Popcnt(long a) {
        return Long.bitCount(a);
    }

    // ---- sign extension (4.3.2: iextend_s) ----

    public static int i32Extend8S(int a) {
        return (byte) a;
    }

    public static int i32Extend16S(int a) {
        return (short) a;
    }

    public static long i64Extend8S(long a) {
        return (byte) a;
    }

    public static long i64Extend16S(long a) {
        return (short) a;
    }

    public static long i64Extend32S(long a) {
        return (int) a;
    }

    /** {@code i64.extend_i32_u}. */
    public static long i64ExtendI32U(int a) {
        return a & 0xFFFF_FFFFL;
    }

    // ---- comparisons (4.3.2: ieqz, ilt_u, ...), as Wasm booleans ----

    public static int i32Eqz(int a) {
        return a == 0 ? 1 : 0;
    }

    public static int i32LtU(int a, int b) {
        return Integer.compareUnsigned(a, b) < 0 ? 1 : 0;
    }

    public static int i32GtU(int a, int b) {
        return Integer.compareUnsigned(a, b) > 0 ? 1 : 0;
    }

    public static int i32LeU(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0 ? 1 : 0;
    }

    public static int i32GeU(int a, int b) {
        return Integer.compareUnsigned(a, b) >= 0 ? 1 : 0;
    }

    public static int i64Eqz(long a) {
        return a == 0 ? 1 : 0;
    }

    public static int i64LtU(long a, long b) {
        return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
    }

    public static int i64GtU(long a, long b) {
        return Long.compareUnsigned(a, b) > 0 ? 1 : 0;
    }

    public static int i64LeU(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? 1 : 0;
    }

    public static int i64GeU(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? 1 : 0;
    }

    // ---- wide arithmetic proposal: 128-bit values as (lo, hi) i64 pairs ----

    /** {@code i64.add128}: (aLo, aHi) + (bLo, bHi) modulo 2^128. */
    public static void i64Add128(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        long lo = aLo + bLo;
        long carry = Long.compareUnsigned(lo, aLo) < 0 ? 1 : 0;
        out[at] = lo;
        out[at + 1] = aHi + bHi + carry;
    }

    /** {@code i64.sub128}: (aLo, aHi) - (bLo, bHi) modulo 2^128. */
    public static void i64Sub128(long aLo, long aHi, long bLo, long bHi, long[] out, int at) {
        long borrow = Long.compareUnsigned(aLo, bLo) < 0 ? 1 : 0;
        out[at] = aLo - bLo;
        out[at + 1] = aHi - bHi - borrow;
    }

    /** {@code i64.mul_wide_s}: the full signed 128-bit product. */
    public static void i64MulWideS(long a, long b, long[] out, int at) {
        out[at] = a * b;
        out[at + 1] = Math.multiplyHigh(a, b);
    }

    /** {@code i64.mul_wide_u}: the full unsigned 128-bit product. */
    public static void i64MulWideU(long a, long b, long[] out, int at) {
        out[at] = a * b;
        out[at + 1] = Math.unsignedMultiplyHigh(a, b);
    }

    // A fresh Trap per throw: Trap allows suppressed exceptions, so a shared instance would leak
    // state between unrelated traps. Traps capture no stack trace, so this stays cheap, and keeping
    // the throw in its own method keeps the callers small enough to inline.
    static Trap divideByZero() {
        return new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    }

    static Trap overflow() {
        return new Trap(TrapKind.INTEGER_OVERFLOW);
    }
}
