package dev.jwasm.wat.internal.lex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Numeric literals of spec 6.3.1/6.3.2; expected bit patterns are worked out by hand. */
class NumberLiteralsTest {

    @Test
    void integersInRangeOfTheirWidth() {
        assertEquals(Optional.of(2147483647L), NumberLiterals.parseInt("0x7fff_ffff", 32));
        assertEquals(Optional.of(-2147483648L), NumberLiterals.parseInt("-0x80000000", 32));
        assertEquals(Optional.of(4294967295L), NumberLiterals.parseInt("0xffffffff", 32));
        assertEquals(Optional.of(1000L), NumberLiterals.parseInt("1_000", 32));
        assertEquals(Optional.of(1L), NumberLiterals.parseInt("+0x1", 32));
        assertEquals(Optional.of(-1L), NumberLiterals.parseInt("0xffff_ffff_ffff_ffff", 64));
    }

    @Test
    void integersOutOfRangeAreRejected() {
        assertEquals(Optional.empty(), NumberLiterals.parseInt("4294967296", 32));
        assertEquals(Optional.empty(), NumberLiterals.parseInt("-2147483649", 32));
        // A signed literal is limited to the signed range: +0xffffffff is not an i32.
        assertEquals(Optional.empty(), NumberLiterals.parseInt("+0xffffffff", 32));
        assertEquals(Optional.empty(), NumberLiterals.parseInt("0x1_0000_0000_0000_0000", 64));
    }

    @Test
    void underscoresOnlyBetweenDigits() {
        assertTrue(NumberLiterals.isNumber("1_2"));
        assertFalse(NumberLiterals.isNumber("1__2"));
        assertFalse(NumberLiterals.isNumber("_1"));
        assertFalse(NumberLiterals.isNumber("1_"));
        assertFalse(NumberLiterals.isNumber("0x_1"));
        assertFalse(NumberLiterals.isNumber("1._5"));
    }

    @Test
    void f32SpecialValues() {
        assertEquals(Optional.of(0x7fc00000), NumberLiterals.parseF32("nan"));
        assertEquals(Optional.of(0xff800001), NumberLiterals.parseF32("-nan:0x1"));
        assertEquals(Optional.of(0x7f800000), NumberLiterals.parseF32("inf"));
        assertEquals(Optional.of(0xff800000), NumberLiterals.parseF32("-inf"));
        assertEquals(Optional.of(0x80000000), NumberLiterals.parseF32("-0"));
        // Payload must fit the 23-bit significand and be non-zero.
        assertEquals(Optional.empty(), NumberLiterals.parseF32("nan:0x800000"));
        assertEquals(Optional.empty(), NumberLiterals.parseF32("nan:0x0"));
    }

    @Test
    void f32RoundsToNearestEven() {
        assertEquals(Optional.of(1), NumberLiterals.parseF32("0x1p-149")); // smallest subnormal
        assertEquals(Optional.of(0), NumberLiterals.parseF32("0x1p-150")); // exact half: to even, 0
        assertEquals(Optional.of(1), NumberLiterals.parseF32("0x1.000001p-150")); // just above half
        assertEquals(Optional.of(0x7f7fffff), NumberLiterals.parseF32("0x1.fffffep127")); // largest finite
        // 1 + 2^-24 is halfway between 1 and the next float: ties to even, so 1.0.
        assertEquals(Optional.of(0x3f800000), NumberLiterals.parseF32("1.000000059604644775390625"));
        assertEquals(Optional.of(0x3f800001), NumberLiterals.parseF32("1.000000059604644775390626"));
        // 0x1.000001 = 1 + 2^-24 is a tie, rounding down to even; 1 + 3 * 2^-24 ties upward to even.
        assertEquals(Optional.of(0x3f800000), NumberLiterals.parseF32("0x1.000001"));
        assertEquals(Optional.of(0x3f800002), NumberLiterals.parseF32("0x1.000003"));
        assertEquals(Optional.of(0x3fc00000), NumberLiterals.parseF32("0x1.8p0"));
        assertEquals(Optional.of(0x40490fdb), NumberLiterals.parseF32("3.14159265358979"));
    }

    @Test
    void f32OverflowIsOutOfRange() {
        assertEquals(Optional.empty(), NumberLiterals.parseF32("0x1.ffffffp127")); // rounds to 2^128
        assertEquals(Optional.empty(), NumberLiterals.parseF32("3.4028236e38")); // above the midpoint
        assertEquals(Optional.of(0x7f7fffff), NumberLiterals.parseF32("3.4028235e38"));
        assertEquals(Optional.empty(), NumberLiterals.parseF32("1e1000000000"));
    }

    @Test
    void f64Values() {
        assertEquals(Optional.of(1L), NumberLiterals.parseF64("0x1p-1074"));
        assertEquals(Optional.of(0x3FB999999999999AL), NumberLiterals.parseF64("0.1"));
        assertEquals(Optional.of(0x7FEFFFFFFFFFFFFFL), NumberLiterals.parseF64("0x1.fffffffffffffp1023"));
        assertEquals(Optional.empty(), NumberLiterals.parseF64("0x1.fffffffffffff8p1023"));
        assertEquals(Optional.of(0L), NumberLiterals.parseF64("1e-400"));
        assertEquals(Optional.of(0x7FF8000000000000L), NumberLiterals.parseF64("nan"));
        assertEquals(Optional.of(0x7FF0000000000001L), NumberLiterals.parseF64("nan:0x1"));
        assertEquals(Optional.of(0x4000000000000000L), NumberLiterals.parseF64("2"));
        assertEquals(Optional.of(0x4059000000000000L), NumberLiterals.parseF64("1E2"));
    }
}
