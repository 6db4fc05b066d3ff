package dev.jwasm.api.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Expected values are taken from the spec testsuite's conversions.wast. */
class ConversionsTest {
    private static final float F32_NAN_PAYLOAD = Float.intBitsToFloat(0x7fa00000); // nan:0x200000
    private static final double F64_NEG_NAN = Double.longBitsToDouble(0xfff4000000000000L);

    private static void assertTrap(TrapKind kind, Executable op) {
        assertEquals(kind, assertThrows(Trap.class, op).kind());
    }

    private static void assertOverflow(Executable op) {
        assertTrap(TrapKind.INTEGER_OVERFLOW, op);
    }

    private static void assertInvalid(Executable op) {
        assertTrap(TrapKind.INVALID_CONVERSION_TO_INTEGER, op);
    }

    @Test
    void i32TruncSignedRangeEdges() {
        assertEquals(0, Conversions.i32TruncF32S(-0x1p-149f));
        assertEquals(-1, Conversions.i32TruncF32S(-1.9f));
        assertEquals(2147483520, Conversions.i32TruncF32S(2147483520.0f));
        assertEquals(-2147483648, Conversions.i32TruncF32S(-2147483648.0f));
        assertOverflow(() -> Conversions.i32TruncF32S(2147483648.0f));
        assertOverflow(() -> Conversions.i32TruncF32S(-2147483904.0f));
        assertOverflow(() -> Conversions.i32TruncF32S(Float.NEGATIVE_INFINITY));
        assertInvalid(() -> Conversions.i32TruncF32S(F32_NAN_PAYLOAD));
        assertEquals(-2147483648, Conversions.i32TruncF64S(-2147483648.9));
        assertEquals(2147483647, Conversions.i32TruncF64S(2147483647.9));
        assertOverflow(() -> Conversions.i32TruncF64S(2147483648.0));
        assertOverflow(() -> Conversions.i32TruncF64S(-2147483649.0));
        assertInvalid(() -> Conversions.i32TruncF64S(F64_NEG_NAN));
    }

    @Test
    void i32TruncUnsignedRangeEdges() {
        assertEquals(0, Conversions.i32TruncF64U(-0.9));
        assertEquals(0, Conversions.i32TruncF64U(-0x1.fffffffffffffp-1));
        assertEquals(-2147483648, Conversions.i32TruncF64U(2147483648.0));
        assertEquals(-1, Conversions.i32TruncF64U(4294967295.9));
        assertOverflow(() -> Conversions.i32TruncF64U(4294967296.0));
        assertOverflow(() -> Conversions.i32TruncF64U(-1.0));
        assertOverflow(() -> Conversions.i32TruncF64U(9223372036854775808.0));
        assertInvalid(() -> Conversions.i32TruncF64U(Double.NaN));
        assertEquals(-256, Conversions.i32TruncF32U(4294967040.0f));
        assertEquals(0, Conversions.i32TruncF32U(-0x1.ccccccp-1f));
        assertOverflow(() -> Conversions.i32TruncF32U(4294967296.0f));
        assertOverflow(() -> Conversions.i32TruncF32U(-1.0f));
    }

    @Test
    void i64TruncRangeEdges() {
        assertEquals(9223371487098961920L, Conversions.i64TruncF32S(9223371487098961920.0f));
        assertEquals(Long.MIN_VALUE, Conversions.i64TruncF32S(-9223372036854775808.0f));
        assertOverflow(() -> Conversions.i64TruncF32S(9223372036854775808.0f));
        assertOverflow(() -> Conversions.i64TruncF32S(-9223373136366403584.0f));
        assertInvalid(() -> Conversions.i64TruncF32S(Float.NaN));
        assertEquals(9223372036854774784L, Conversions.i64TruncF64S(9223372036854774784.0));
        assertEquals(Long.MIN_VALUE, Conversions.i64TruncF64S(-9223372036854775808.0));
        assertOverflow(() -> Conversions.i64TruncF64S(9223372036854775808.0));
        assertOverflow(() -> Conversions.i64TruncF64S(-9223372036854777856.0));
        assertEquals(-2048L, Conversions.i64TruncF64U(18446744073709549568.0));
        assertEquals(Long.MIN_VALUE, Conversions.i64TruncF64U(9223372036854775808.0));
        assertEquals(0, Conversions.i64TruncF64U(-0x1.fffffffffffffp-1));
        assertOverflow(() -> Conversions.i64TruncF64U(18446744073709551616.0));
        assertOverflow(() -> Conversions.i64TruncF64U(-1.0));
        assertInvalid(() -> Conversions.i64TruncF64U(F64_NEG_NAN));
        assertEquals(-1099511627776L, Conversions.i64TruncF32U(18446742974197923840.0f));
        assertOverflow(() -> Conversions.i64TruncF32U(18446744073709551616.0f));
    }

    @Test
    void saturatingTruncationClampsAndMapsNaNToZero() {
        assertEquals(0x7fffffff, Conversions.i32TruncSatF32S(2147483648.0f));
        assertEquals(0x80000000, Conversions.i32TruncSatF32S(Float.NEGATIVE_INFINITY));
        assertEquals(0, Conversions.i32TruncSatF32S(F32_NAN_PAYLOAD));
        assertEquals(0x7fffffff, Conversions.i32TruncSatF64S(2147483648.0));
        assertEquals(0x8000000000000000L, Conversions.i64TruncSatF32S(-9223373136366403584.0f));
        assertEquals(0, Conversions.i64TruncSatF64S(F64_NEG_NAN));
        assertEquals(-2147483648, Conversions.i32TruncSatF32U(2147483648.0f));
        assertEquals(-256, Conversions.i32TruncSatF32U(4294967040.0f));
        assertEquals(0xffffffff, Conversions.i32TruncSatF32U(4294967296.0f));
        assertEquals(0, Conversions.i32TruncSatF32U(-1.0f));
        assertEquals(0, Conversions.i32TruncSatF32U(Float.NaN));
        assertEquals(0xffffffff, Conversions.i32TruncSatF64U(Double.POSITIVE_INFINITY));
        assertEquals(-2048L, Conversions.i64TruncSatF64U(18446744073709549568.0));
        assertEquals(Long.MIN_VALUE, Conversions.i64TruncSatF64U(9223372036854775808.0));
        assertEquals(-1L, Conversions.i64TruncSatF64U(18446744073709551616.0));
        assertEquals(0, Conversions.i64TruncSatF64U(-1.0));
        assertEquals(0, Conversions.i64TruncSatF64U(-5.0e10));
        assertEquals(0, Conversions.i64TruncSatF32U(F32_NAN_PAYLOAD));
        assertEquals(-1L, Conversions.i64TruncSatF32U(Float.POSITIVE_INFINITY));
    }

    @Test
    void unsignedToFloatRoundsOnce() {
        assertEquals(9223372036854775808.0f, Conversions.f32ConvertI64U(0x7fffffffffffffffL));
        assertEquals(9223372036854775808.0f, Conversions.f32ConvertI64U(Long.MIN_VALUE));
        assertEquals(18446744073709551616.0f, Conversions.f32ConvertI64U(-1L));
        assertEquals(0x1.000002p+53f, Conversions.f32ConvertI64U(0x0020000020000001L));
        assertEquals(0x1.fffffep+62f, Conversions.f32ConvertI64U(0x7fffffbfffffffffL));
        // The double-rounding trap: via f64 this would round to the tie and then to even (2^63).
        assertEquals(0x1.000002p+63f, Conversions.f32ConvertI64U(0x8000008000000001L));
        assertEquals(0x1.fffffep+63f, Conversions.f32ConvertI64U(0xfffffe8000000001L));
        assertEquals(0x1.0000000000000p+63, Conversions.f64ConvertI64U(0x8000000000000400L));
        assertEquals(0x1.0000000000001p+63, Conversions.f64ConvertI64U(0x8000000000000401L));
        assertEquals(0x1.fffffffffffffp+63, Conversions.f64ConvertI64U(0xfffffffffffff401L));
        assertEquals(18446744073709551616.0, Conversions.f64ConvertI64U(-1L));
        assertEquals(9007199254740996.0, Conversions.f64ConvertI64U(9007199254740995L));
        assertEquals(4294967296.0f, Conversions.f32ConvertI32U(-1));
        assertEquals(2147483648.0f, Conversions.f32ConvertI32U(0x80000000));
        assertEquals(0x1.000002p+31f, Conversions.f32ConvertI32U(0x80000081)); // above the tie
        assertEquals(0x1p+31f, Conversions.f32ConvertI32U(0x80000080)); // tie to even
        assertEquals(4294967295.0, Conversions.f64ConvertI32U(-1));
    }

    @Test
    void reinterpretKeepsNaNPayloads() {
        assertEquals(0x7fa00000, Conversions.i32ReinterpretF32(Conversions.f32ReinterpretI32(0x7fa00000)));
        assertEquals(0x80000000, Conversions.i32ReinterpretF32(-0.0f));
        assertEquals(
                0xfff4000000000000L, Conversions.i64ReinterpretF64(Conversions.f64ReinterpretI64(0xfff4000000000000L)));
        assertEquals(0x3ff0000000000000L, Conversions.i64ReinterpretF64(1.0));
    }
}
