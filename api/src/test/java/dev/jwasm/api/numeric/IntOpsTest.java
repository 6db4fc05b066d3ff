package dev.jwasm.api.numeric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Expected values are taken from the spec testsuite's i32.wast and i64.wast. */
class IntOpsTest {
    private static void assertTrap(TrapKind kind, Executable op) {
        Trap trap = assertThrows(Trap.class, op);
        assertEquals(kind, trap.kind());
        assertEquals(kind.message(), trap.getMessage());
    }

    @Test
    void i32DivisionTrapsAsTheSpecSays() {
        assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> IntOps.i32DivS(1, 0));
        assertTrap(TrapKind.INTEGER_OVERFLOW, () -> IntOps.i32DivS(0x80000000, -1));
        assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> IntOps.i32DivS(0x80000000, 0));
        assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> IntOps.i32DivU(1, 0));
        assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> IntOps.i32RemS(1, 0));
        assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> IntOps.i32RemU(0, 0));
    }

    @Test
    void i32DivisionResults() {
        assertEquals(0xc0000000, IntOps.i32DivS(0x80000000, 2));
        assertEquals(0xffdf3b65, IntOps.i32DivS(0x80000001, 1000));
        assertEquals(-2, IntOps.i32DivS(-7, 3));
        assertEquals(0, IntOps.i32DivU(0x80000000, -1));
        assertEquals(0x8fef, IntOps.i32DivU(0x8ff00ff0, 0x10001));
        assertEquals(0x7ffffffd, IntOps.i32DivU(-5, 2));
        assertEquals(0, IntOps.i32RemS(0x80000000, -1));
        assertEquals(-1, IntOps.i32RemS(-7, 3));
        assertEquals(1, IntOps.i32RemS(7, -3));
        assertEquals(0x80000000, IntOps.i32RemU(0x80000000, -1));
        assertEquals(1, IntOps.i32RemU(-5, 2));
    }

    @Test
    void i64DivisionTrapsAndResults() {
        assertTrap(TrapKind.INTEGER_OVERFLOW, () -> IntOps.i64DivS(0x8000000000000000L, -1));
        assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> IntOps.i64DivU(1, 0));
        assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> IntOps.i64RemS(1, 0));
        assertTrap(TrapKind.INTEGER_DIVIDE_BY_ZERO, () -> IntOps.i64RemU(1, 0));
        assertEquals(0xffdf3b645a1cac09L, IntOps.i64DivS(0x8000000000000001L, 1000));
        assertEquals(0x20c49ba5e353f7L, IntOps.i64DivU(0x8000000000000001L, 1000));
        assertEquals(0, IntOps.i64RemS(0x8000000000000000L, -1));
        assertEquals(0x80000000_00000000L, IntOps.i64RemU(0x8000000000000000L, -1));
    }

    @Test
    void bitCountsAndRotations() {
        assertEquals(32, IntOps.i32Clz(0));
        assertEquals(0, IntOps.i32Clz(0x80000000));
        assertEquals(31, IntOps.i32Clz(1));
        assertEquals(32, IntOps.i32Ctz(0));
        assertEquals(16, IntOps.i32Ctz(0x00010000));
        assertEquals(32, IntOps.i32Popcnt(-1));
        assertEquals(16, IntOps.i32Popcnt(0xAAAAAAAA));
        assertEquals(0x579b30ed, IntOps.i32Rotl(0xabcd9876, 1));
        assertEquals(0xe00dc00f, IntOps.i32Rotl(0xfe00dc00, 4));
        assertEquals(0x00100000, IntOps.i32Rotl(0x00008000, 37));
        assertEquals(0x579beed3, IntOps.i32Rotl(0x769abcdf, 0x8000000d));
        assertEquals(0x7f806600, IntOps.i32Rotr(0xff00cc00, 1));
        assertEquals(0x1d860e97, IntOps.i32Rotr(0xb0c1d2e3, 0xff05));
        assertEquals(0x00000400, IntOps.i32Rotr(0x00008000, 37));
        assertEquals(64, IntOps.i64Clz(0));
        assertEquals(64, IntOps.i64Ctz(0));
        assertEquals(64, IntOps.i64Popcnt(-1L));
        assertEquals(0x579b30ec048d159dL, IntOps.i64Rotl(0xabcd987602468aceL, 1));
        assertEquals(0x013579a2469deacfL, IntOps.i64Rotl(0xabcd1234ef567809L, 53));
        assertEquals(0x55e891a77ab3c04eL, IntOps.i64Rotl(0xabd1234ef567809cL, 63));
        assertEquals(0xabd1234ef567809cL, IntOps.i64Rotr(0x55e891a77ab3c04eL, 63));
        assertEquals(0x0000000000000001L, IntOps.i64Rotl(0x8000000000000000L, 1));
    }

    @Test
    void signExtension() {
        assertEquals(127, IntOps.i32Extend8S(0x7f));
        assertEquals(-128, IntOps.i32Extend8S(0x80));
        assertEquals(0, IntOps.i32Extend8S(0x12345600));
        assertEquals(-0x8000, IntOps.i32Extend16S(0x8000));
        assertEquals(-1, IntOps.i64Extend8S(0xfedcba98765432ffL));
        assertEquals(0x7fff, IntOps.i64Extend16S(0x7fff));
        assertEquals(-0x80000000L, IntOps.i64Extend32S(0x80000000L));
        assertEquals(0x7fffffffL, IntOps.i64Extend32S(0x5a5a5a5a7fffffffL));
        assertEquals(0xffffffffL, IntOps.i64ExtendI32U(-1));
    }

    @Test
    void unsignedComparisonsTreatTheSignBitAsMagnitude() {
        assertEquals(0, IntOps.i32LtU(-1, 1));
        assertEquals(1, IntOps.i32LtU(1, 0x80000000));
        assertEquals(1, IntOps.i32GtU(0x80000000, 0x7fffffff));
        assertEquals(1, IntOps.i32LeU(-1, -1));
        assertEquals(0, IntOps.i32GeU(0, -1));
        assertEquals(1, IntOps.i32Eqz(0));
        assertEquals(0, IntOps.i32Eqz(0x80000000));
        assertEquals(1, IntOps.i64LtU(0x7fffffffffffffffL, 0x8000000000000000L));
        assertEquals(0, IntOps.i64GtU(1, -1L));
        assertEquals(1, IntOps.i64GeU(-1L, 0));
        assertEquals(0, IntOps.i64LeU(0x8000000000000000L, 0));
        assertEquals(1, IntOps.i64Eqz(0));
    }

    @Test
    void wideArithmeticCarriesAcrossTheHalves() {
        long[] out = new long[3];
        IntOps.i64Add128(-1L, 0, 1, 0, out, 1); // (2^64 - 1) + 1 = 2^64
        assertArrayEquals(new long[] {0, 0, 1}, out);
        IntOps.i64Add128(-1L, -1L, 1, 0, out, 0); // -1 + 1 = 0 mod 2^128
        assertEquals(0, out[0]);
        assertEquals(0, out[1]);
        IntOps.i64Sub128(0, 1, 1, 0, out, 0); // 2^64 - 1
        assertEquals(-1L, out[0]);
        assertEquals(0, out[1]);
        IntOps.i64Sub128(0, 0, 1, 0, out, 0); // 0 - 1 = -1
        assertEquals(-1L, out[0]);
        assertEquals(-1L, out[1]);
        IntOps.i64MulWideS(-1L, -1L, out, 0); // (-1)(-1) = 1
        assertEquals(1, out[0]);
        assertEquals(0, out[1]);
        IntOps.i64MulWideU(-1L, -1L, out, 0); // (2^64-1)^2 = 2^128 - 2^65 + 1
        assertEquals(1, out[0]);
        assertEquals(-2L, out[1]);
        IntOps.i64MulWideS(Long.MIN_VALUE, 2, out, 0); // -2^64
        assertEquals(0, out[0]);
        assertEquals(-1L, out[1]);
    }
}
