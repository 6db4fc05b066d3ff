package dev.jwasm.exec.interp;

import static dev.jwasm.api.code.Opcode.END;
import static dev.jwasm.api.code.Opcode.LOCAL_GET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.jwasm.api.Instance;
import dev.jwasm.api.code.Opcode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wide-arithmetic proposal's operators: 128-bit values are (low, high) i64 pairs. Expected
 * results are worked out by hand.
 */
class WideArithmeticTest {
    private static Instance module() {
        var m = new Modules();
        for (Opcode op : List.of(Opcode.I64_ADD128, Opcode.I64_SUB128, Opcode.I64_MUL_WIDE_S, Opcode.I64_MUL_WIDE_U)) {
            m.func(op.mnemonic(), Modules.sig(op.operands(), op.results()), List.of(), v -> {
                for (int i = 0; i < op.operands().size(); i++) {
                    v.visitLocal(LOCAL_GET, i);
                }
                v.visitSimple(op);
                v.visitSimple(END);
            });
        }
        return m.instantiate();
    }

    private static final Instance WIDE = module();

    @Test
    void add128CarriesIntoTheHighHalf() {
        var add = WIDE.function("i64.add128");
        assertArrayEquals(new long[] {0, 1}, add.call(-1, 0, 1, 0)); // (2^64 - 1) + 1 = 2^64
        assertArrayEquals(new long[] {5, 7}, add.call(2, 3, 3, 4));
        // (2^128 - 1) + 1 wraps to 0.
        assertArrayEquals(new long[] {0, 0}, add.call(-1, -1, 1, 0));
        // Long.MIN_VALUE + Long.MIN_VALUE in the low half: 2^63 + 2^63 = 2^64, carry 1.
        assertArrayEquals(new long[] {0, 1}, add.call(Long.MIN_VALUE, 0, Long.MIN_VALUE, 0));
    }

    @Test
    void sub128BorrowsFromTheHighHalf() {
        var sub = WIDE.function("i64.sub128");
        assertArrayEquals(new long[] {-1, 0}, sub.call(0, 1, 1, 0)); // 2^64 - 1
        assertArrayEquals(new long[] {-1, -1}, sub.call(0, 0, 1, 0)); // 0 - 1 = 2^128 - 1
        assertArrayEquals(new long[] {2, 3}, sub.call(7, 9, 5, 6));
    }

    @Test
    void mulWideGivesTheFull128BitProduct() {
        var s = WIDE.function("i64.mul_wide_s");
        var u = WIDE.function("i64.mul_wide_u");
        // Unsigned (2^64 - 1)^2 = 2^128 - 2^65 + 1: high 2^64 - 2, low 1.
        assertArrayEquals(new long[] {1, -2}, u.call(-1, -1));
        // Signed (-1) * (-1) = 1.
        assertArrayEquals(new long[] {1, 0}, s.call(-1, -1));
        // Signed -2^63 * 2 = -2^64: low 0, high -1.
        assertArrayEquals(new long[] {0, -1}, s.call(Long.MIN_VALUE, 2));
        // Unsigned 2^63 * 2 = 2^64: low 0, high 1.
        assertArrayEquals(new long[] {0, 1}, u.call(Long.MIN_VALUE, 2));
        // 2^32 * 2^32 = 2^64 either way.
        assertArrayEquals(new long[] {0, 1}, s.call(1L << 32, 1L << 32));
        assertArrayEquals(new long[] {-6, -1}, s.call(-2, 3));
    }
}
