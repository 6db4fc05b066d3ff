package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Instance;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import org.junit.jupiter.api.Test;

/** Each instruction class compiled to bytecode, with results worked out by hand from the spec. */
class InstructionTest {
    private static long call(Instance inst, String name, long... args) {
        long r = inst.function(name).callForLong(args);
        assertTrue(Jit.compiled(inst, name), name + " should be compiled, not interpreted");
        return r;
    }

    private static TrapKind trap(Instance inst, String name, long... args) {
        return assertThrows(Trap.class, () -> inst.function(name).call(args)).kind();
    }

    @Test
    void i32Arithmetic() {
        Instance inst = Jit.instance("""
                (module
                  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
                  (func (export "mul") (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1)))
                  (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
                  (func (export "rem_u") (param i32 i32) (result i32) (i32.rem_u (local.get 0) (local.get 1)))
                  (func (export "shl") (param i32 i32) (result i32) (i32.shl (local.get 0) (local.get 1)))
                  (func (export "shr_u") (param i32 i32) (result i32) (i32.shr_u (local.get 0) (local.get 1)))
                  (func (export "rotl") (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.get 1)))
                  (func (export "clz") (param i32) (result i32) (i32.clz (local.get 0)))
                  (func (export "lt_u") (param i32 i32) (result i32) (i32.lt_u (local.get 0) (local.get 1)))
                  (func (export "ge_u") (param i32 i32) (result i32) (i32.ge_u (local.get 0) (local.get 1)))
                  (func (export "eqz") (param i32) (result i32) (i32.eqz (local.get 0))))
                """);
        assertEquals(Integer.MIN_VALUE, call(inst, "add", Integer.MAX_VALUE, 1)); // wraps
        assertEquals(0x0002_0001, call(inst, "mul", 0x1_0001, 0x1_0001)); // 0x1_0002_0001 mod 2^32
        assertEquals(-3, call(inst, "div_s", -7, 2)); // truncates toward zero
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap(inst, "div_s", 1, 0));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trap(inst, "div_s", Integer.MIN_VALUE, -1));
        assertEquals(1, call(inst, "rem_u", -1, 2)); // 0xFFFFFFFF is odd
        assertEquals(2, call(inst, "shl", 1, 33)); // the count is taken modulo 32
        assertEquals(0x7FFF_FFFF, call(inst, "shr_u", -1, 1));
        assertEquals(3, call(inst, "rotl", 0x8000_0001, 1));
        assertEquals(31, call(inst, "clz", 1));
        assertEquals(1, call(inst, "lt_u", 1, -1)); // -1 is the largest unsigned
        assertEquals(0, call(inst, "ge_u", 1, -1));
        assertEquals(1, call(inst, "eqz", 0));
        assertEquals(0, call(inst, "eqz", 5));
    }

    @Test
    void rotatesAndUnsignedI64CompareInline() {
        Instance inst = Jit.instance("""
                (module
                  (func (export "rotl64") (param i64 i64) (result i64) (i64.rotl (local.get 0) (local.get 1)))
                  (func (export "rotr64") (param i64 i64) (result i64) (i64.rotr (local.get 0) (local.get 1)))
                  (func (export "rotr32") (param i32 i32) (result i32) (i32.rotr (local.get 0) (local.get 1)))
                  (func (export "lt_u") (param i64 i64) (result i32) (i64.lt_u (local.get 0) (local.get 1)))
                  (func (export "gt_u") (param i64 i64) (result i32) (i64.gt_u (local.get 0) (local.get 1)))
                  (func (export "le_u") (param i64 i64) (result i32) (i64.le_u (local.get 0) (local.get 1)))
                  (func (export "ge_u") (param i64 i64) (result i32) (i64.ge_u (local.get 0) (local.get 1))))
                """);
        assertEquals(3, call(inst, "rotl64", Long.MIN_VALUE + 1, 1)); // the top bit comes round
        assertEquals(3, call(inst, "rotl64", Long.MIN_VALUE + 1, 65)); // count modulo 64
        assertEquals(Long.MIN_VALUE, call(inst, "rotr64", 1, 1));
        assertEquals(0xC000_0000L - (1L << 32), call(inst, "rotr32", 3, 2)); // 0xC0000000, sign-extended
        assertEquals(0x8000_0001L - (1L << 32), call(inst, "rotr32", 3, 33)); // count modulo 32
        // A count of 0 (or a multiple of the width) leaves the value: both shifts are by 0.
        assertEquals(0x1234_5678_9ABC_DEF0L, call(inst, "rotl64", 0x1234_5678_9ABC_DEF0L, 0));
        assertEquals(0x1234_5678_9ABC_DEF0L, call(inst, "rotr64", 0x1234_5678_9ABC_DEF0L, 128));
        assertEquals(-2, call(inst, "rotr32", -2, 32));
        assertEquals(4, call(inst, "rotr32", 1, -2)); // -2 is 30 modulo 32: rotl by 2
        assertEquals(1, call(inst, "lt_u", 1, -1)); // -1 is the largest unsigned
        assertEquals(0, call(inst, "gt_u", 1, -1));
        assertEquals(1, call(inst, "le_u", 5, 5));
        assertEquals(0, call(inst, "ge_u", Long.MAX_VALUE, Long.MIN_VALUE));
    }

    @Test
    void i64Arithmetic() {
        Instance inst = Jit.instance("""
                (module
                  (func (export "sub") (param i64 i64) (result i64) (i64.sub (local.get 0) (local.get 1)))
                  (func (export "shr_s") (param i64 i64) (result i64) (i64.shr_s (local.get 0) (local.get 1)))
                  (func (export "div_u") (param i64 i64) (result i64) (i64.div_u (local.get 0) (local.get 1)))
                  (func (export "lt_s") (param i64 i64) (result i32) (i64.lt_s (local.get 0) (local.get 1)))
                  (func (export "ne") (param i64 i64) (result i32) (i64.ne (local.get 0) (local.get 1)))
                  (func (export "extend_u") (param i32) (result i64) (i64.extend_i32_u (local.get 0)))
                  (func (export "extend_s") (param i32) (result i64) (i64.extend_i32_s (local.get 0)))
                  (func (export "wrap") (param i64) (result i32) (i32.wrap_i64 (local.get 0))))
                """);
        assertEquals(Long.MAX_VALUE, call(inst, "sub", Long.MIN_VALUE, 1));
        assertEquals(-1, call(inst, "shr_s", Long.MIN_VALUE, 127)); // 127 mod 64 = 63
        assertEquals(Long.MAX_VALUE, call(inst, "div_u", -1, 2)); // 2^64-1 / 2
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap(inst, "div_u", 5, 0));
        assertEquals(1, call(inst, "lt_s", -1, 0));
        assertEquals(0, call(inst, "ne", 7, 7));
        assertEquals(0xFFFF_FFFFL, call(inst, "extend_u", -1));
        assertEquals(-1, call(inst, "extend_s", -1));
        assertEquals(-1, call(inst, "wrap", 0x1_FFFF_FFFFL));
    }

    @Test
    void floatingPoint() {
        Instance inst = Jit.instance("""
                (module
                  (func (export "f64.add") (param f64 f64) (result f64) (f64.add (local.get 0) (local.get 1)))
                  (func (export "f64.min") (param f64 f64) (result f64) (f64.min (local.get 0) (local.get 1)))
                  (func (export "f32.div") (param f32 f32) (result f32) (f32.div (local.get 0) (local.get 1)))
                  (func (export "f32.nearest") (param f32) (result f32) (f32.nearest (local.get 0)))
                  (func (export "f64.copysign") (param f64 f64) (result f64) (f64.copysign (local.get 0) (local.get 1)))
                  (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
                  (func (export "trunc_sat") (param f64) (result i32) (i32.trunc_sat_f64_s (local.get 0))))
                """);
        assertEquals(3.5, Double.longBitsToDouble(call(inst, "f64.add", bits(1.25), bits(2.25))));
        // min of -0 and +0 is -0 (spec 4.3.3 fmin), which a naive comparison gets wrong.
        assertEquals(bits(-0.0), call(inst, "f64.min", bits(0.0), bits(-0.0)));
        assertTrue(Double.isNaN(Double.longBitsToDouble(call(inst, "f64.min", bits(Double.NaN), bits(1.0)))));
        assertEquals(2.5f, Float.intBitsToFloat((int) call(inst, "f32.div", fbits(5f), fbits(2f))));
        // Ties round to even: 2.5 -> 2, 3.5 -> 4.
        assertEquals(2f, Float.intBitsToFloat((int) call(inst, "f32.nearest", fbits(2.5f))));
        assertEquals(4f, Float.intBitsToFloat((int) call(inst, "f32.nearest", fbits(3.5f))));
        assertEquals(-2.0, Double.longBitsToDouble(call(inst, "f64.copysign", bits(2.0), bits(-0.0))));
        assertEquals(-3, call(inst, "trunc", bits(-3.9)));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trap(inst, "trunc", bits(3e9)));
        assertEquals(TrapKind.INVALID_CONVERSION_TO_INTEGER, trap(inst, "trunc", bits(Double.NaN)));
        assertEquals(Integer.MAX_VALUE, call(inst, "trunc_sat", bits(3e9)));
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    private static long fbits(float f) {
        return Float.floatToRawIntBits(f);
    }

    @Test
    void memoryAccessesOfEveryWidth() {
        Instance inst = Jit.instance("""
                (module
                  (memory 1)
                  (func (export "store") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
                  (func (export "load8_s") (param i32) (result i32) (i32.load8_s (local.get 0)))
                  (func (export "load8_u") (param i32) (result i32) (i32.load8_u (local.get 0)))
                  (func (export "load16_u") (param i32) (result i64) (i64.load16_u (local.get 0)))
                  (func (export "load32_u") (param i32) (result i64) (i64.load32_u (local.get 0)))
                  (func (export "load") (param i32) (result i32) (i32.load offset=1 (local.get 0)))
                  (func (export "size") (result i32) (memory.size))
                  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
                """);
        inst.function("store").call(8, 0x8877_6655_4433_2211L);
        // Little-endian: byte 8 is 0x11, byte 15 is 0x88.
        assertEquals(0x11, call(inst, "load8_s", 8));
        assertEquals(-0x78, call(inst, "load8_s", 15)); // 0x88 sign-extended
        assertEquals(0x88, call(inst, "load8_u", 15));
        assertEquals(0x2211, call(inst, "load16_u", 8));
        assertEquals(0x8877_6655L, call(inst, "load32_u", 12));
        assertEquals(0x5544_3322, call(inst, "load", 8)); // bytes 9..12
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap(inst, "load", 65533)); // 65534..65537
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap(inst, "load8_u", -1)); // 0xFFFFFFFF unsigned
        assertEquals(1, call(inst, "size"));
        assertEquals(1, call(inst, "grow", 2)); // returns the old size
        assertEquals(3, call(inst, "size"));
        assertEquals(0, call(inst, "load", 65533)); // now in bounds, zero-filled
    }

    @Test
    void controlFlowAndLocals() {
        Instance inst = Jit.instance("""
                (module
                  (func (export "sum") (param i32) (result i32) (local i32)
                    (block (loop
                      (br_if 1 (i32.eqz (local.get 0)))
                      (local.set 1 (i32.add (local.get 1) (local.get 0)))
                      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                      (br 0)))
                    (local.get 1))
                  (func (export "table") (param i32) (result i32)
                    (block (block (block (br_table 0 1 2 (local.get 0)))
                        (return (i32.const 10)))
                      (return (i32.const 11)))
                    (i32.const 12))
                  (func (export "select") (param i32) (result i64)
                    (select (i64.const 5) (i64.const 6) (local.get 0)))
                  (func (export "if") (param i32) (result i32)
                    (if (result i32) (i32.gt_s (local.get 0) (i32.const 3)) (then (i32.const 1)) (else (i32.const 2)))))
                """);
        assertEquals(5050, call(inst, "sum", 100));
        assertEquals(10, call(inst, "table", 0));
        assertEquals(11, call(inst, "table", 1));
        assertEquals(12, call(inst, "table", 2));
        assertEquals(12, call(inst, "table", -1)); // out of range (unsigned): the default
        assertEquals(5, call(inst, "select", 1));
        assertEquals(6, call(inst, "select", 0));
        assertEquals(1, call(inst, "if", 4));
        assertEquals(2, call(inst, "if", 3));
    }

    @Test
    void callsGlobalsAndMultipleResults() {
        Instance inst = Jit.instance("""
                (module
                  (global $g (mut i64) (i64.const 40))
                  (type $t (func (param i32) (result i32)))
                  (table 2 funcref)
                  (elem (i32.const 0) $double $swapSub)
                  (func $double (type $t) (i32.mul (local.get 0) (i32.const 2)))
                  (func $swapSub (param i32 i32) (result i32) (i32.sub (local.get 1) (local.get 0)))
                  (func $pair (param i32) (result i32 i64) (local.get 0) (global.get $g))
                  (func $fac (export "fac") (param i64) (result i64)
                    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
                      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
                  (func (export "pair") (param i32) (result i64) (local i64)
                    (call $pair (local.get 0)) (local.set 1) (i64.extend_i32_s) (local.get 1) (i64.add))
                  (func (export "bump") (result i64)
                    (global.set $g (i64.add (global.get $g) (i64.const 2))) (global.get $g))
                  (func (export "indirect") (param i32 i32) (result i32)
                    (call_indirect (type $t) (local.get 0) (local.get 1)))
                  (func (export "direct") (param i32) (result i32) (call $double (local.get 0))))
                """);
        assertEquals(3_628_800, call(inst, "fac", 10));
        assertEquals(47, call(inst, "pair", 7)); // 40 + 7
        assertEquals(42, call(inst, "bump"));
        assertEquals(18, call(inst, "indirect", 9, 0));
        assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, trap(inst, "indirect", 9, 1));
        assertEquals(TrapKind.UNDEFINED_ELEMENT, trap(inst, "indirect", 9, 2));
        assertEquals(14, call(inst, "direct", 7));
        assertArrayEquals(new long[] {42 + 2}, inst.function("bump").call());
    }
}
