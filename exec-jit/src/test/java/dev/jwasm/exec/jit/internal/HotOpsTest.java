package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Instance;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import org.junit.jupiter.api.Test;

/**
 * The operators the interpreter's IR may run as inline ops (i64 bit manipulation, unsigned
 * compares, i32 div_u/rem_u, wrap/extend, i64 and byte memory access, fused i64
 * compare-and-branch, multiply-add) stay compiled and keep Wasm's results; values by hand.
 */
class HotOpsTest {
    private static final String HOT = """
            (module
              (memory 1)
              (func (export "mix") (param i64 i64) (result i64)
                (i64.xor (i64.rotl (local.get 0) (i64.const 8))
                         (i64.shr_u (local.get 1) (i64.const 68))))
              (func (export "countDown") (param i64) (result i64) (local i64)
                (loop
                  (local.set 1 (i64.add (local.get 1) (i64.const 1)))
                  (local.set 0 (i64.sub (local.get 0) (i64.const 1)))
                  (br_if 0 (i64.gt_u (local.get 0) (i64.const 0))))
                (local.get 1))
              (func (export "macc") (param i32 i32 i32) (result i32)
                (i32.add (i32.mul (local.get 0) (local.get 1)) (local.get 2)))
              (func (export "divu") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
              (func (export "remu") (param i32 i32) (result i32) (i32.rem_u (local.get 0) (local.get 1)))
              (func (export "wrapExtend") (param i64) (result i64)
                (i64.extend_i32_u (i32.wrap_i64 (local.get 0))))
              (func (export "eqz") (param i64) (result i32) (i64.eqz (local.get 0)))
              (func (export "bytes") (param i64) (result i64)
                (i64.store (i32.const 8) (local.get 0))
                (i32.store8 (i32.const 8) (i32.const 0x1FF))
                (i64.add (i64.load (i32.const 8)) (i64.extend_i32_u (i32.load8_u (i32.const 15))))))
            """;

    private static long call(Instance inst, String name, long... args) {
        long r = inst.function(name).callForLong(args);
        assertTrue(Jit.compiled(inst, name), name + " should be compiled, not interpreted");
        return r;
    }

    @Test
    void hotOperatorsKeepWasmResults() {
        Instance inst = Jit.instance(HOT);
        // rotl 8 of 0x01..08 is 0x02..0801; shr_u by 68 is by 4 (count modulo 64).
        assertEquals(0x0203_0405_0607_0801L ^ 0x0123L, call(inst, "mix", 0x0102_0304_0506_0708L, 0x1230));
        assertEquals(5, call(inst, "countDown", 5));
        assertEquals(1, call(inst, "countDown", 1)); // the untaken branch ends it at once
        assertEquals(7 * 6 + 1, call(inst, "macc", 7, 6, 1));
        assertEquals(1, call(inst, "macc", 0x10000, 0x10000, 1)); // 2^32 wraps to 0
        assertEquals(0x7FFF_FFFF, call(inst, "divu", -1, 2)); // 0xFFFFFFFF / 2, unsigned
        assertEquals(1, call(inst, "remu", -1, 2));
        var trap = assertThrows(Trap.class, () -> inst.function("divu").call(1, 0));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap.kind());
        assertEquals(0xFFFF_FFFFL, call(inst, "wrapExtend", -1L));
        assertEquals(1, call(inst, "eqz", 0));
        assertEquals(0, call(inst, "eqz", Long.MIN_VALUE));
        // Little-endian: the store8 replaces the low byte; byte 15 is the top byte, 0x11.
        assertEquals(0x1122_3344_5566_77FFL + 0x11, call(inst, "bytes", 0x1122_3344_5566_7788L));
    }
}
