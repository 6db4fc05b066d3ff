package dev.jwasm.exec.interp.internal;

/**
 * The wide-arithmetic proposal's 128-bit operators, outside the dispatch loop. A 128-bit value is
 * two i64 stack values, low half first (below), high half second; each operator leaves two.
 */
final class WideOps {
    private WideOps() {}

    /** Runs {@code op} on the operands from {@code s[base]} up and writes low, high at base, base+1. */
    static void execute(int ordinal, long[] s, int base) {
        long a = s[base];
        long b = s[base + 1];
        long lo;
        long hi;
        switch (NumericOps.opcode(ordinal)) {
            case I64_ADD128 -> {
                lo = a + s[base + 2];
                // The low halves carried when their unsigned sum wrapped below an addend.
                long carry = Long.compareUnsigned(lo, a) < 0 ? 1 : 0;
                hi = b + s[base + 3] + carry;
            }
            case I64_SUB128 -> {
                long c = s[base + 2];
                lo = a - c;
                long borrow = Long.compareUnsigned(a, c) < 0 ? 1 : 0;
                hi = b - s[base + 3] - borrow;
            }
            case I64_MUL_WIDE_S -> {
                lo = a * b;
                hi = Math.multiplyHigh(a, b);
            }
            case I64_MUL_WIDE_U -> {
                lo = a * b;
                hi = Math.unsignedMultiplyHigh(a, b);
            }
            default -> throw new IllegalStateException("not a wide-arithmetic operator: " + NumericOps.opcode(ordinal));
        }
        s[base] = lo;
        s[base + 1] = hi;
    }
}
