package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Instance;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import org.junit.jupiter.api.Test;

/** v128 values in compiled code: two longs per value across locals, calls, globals and memory. */
class SimdTest {
    private static final String WAT = """
            (module
              (memory 1)
              (global $g (mut v128) (v128.const i64x2 0 0))
              (table 1 funcref)
              (elem (i32.const 0) $addLanes)
              (type $vv (func (param v128 v128) (result v128)))
              (func $addLanes (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
              (func (export "roundTrip") (param i64 i64) (result v128)
                (local $v v128)
                (local.set $v (i64x2.replace_lane 1 (i64x2.splat (local.get 0)) (local.get 1)))
                (global.set $g (local.get $v))
                (v128.store (i32.const 16) (global.get $g))
                (call $addLanes (v128.load (i32.const 16)) (v128.const i32x4 1 1 1 1)))
              (func (export "indirect") (param v128) (result v128 i32)
                (call_indirect (type $vv) (local.get 0) (local.get 0) (i32.const 0))
                (i8x16.bitmask (local.get 0)))
              (func (export "storeOutOfBounds") (v128.store (i32.const 65530) (v128.const i64x2 -1 -1)))
              (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0))))
            """;

    @Test
    void v128ValuesKeepBothHalvesEverywhere() {
        Instance inst = Jit.instance(WAT);
        // Lanes (i32, low first) of (lo 5, hi 0x7...) plus 1 each.
        long[] r = inst.function("roundTrip").call(5L, 0x7000_0000_0000_0002L);
        assertArrayEquals(new long[] {0x0000_0001_0000_0006L, 0x7000_0001_0000_0003L}, r);
        // v128 param through call_indirect, doubled per i32 lane (0x8000_0000 wraps to 0), and
        // a v128 result beside an i32: the sign bits of bytes 7 and 15 are set.
        long[] s = inst.function("indirect").call(0x8000_0000_0000_0001L, 0x8000_0000_0000_0000L);
        assertArrayEquals(new long[] {2, 0, 0x8080}, s);
        for (String name : new String[] {"roundTrip", "indirect", "storeOutOfBounds"}) {
            assertTrue(Jit.compiled(inst, name), name + " is compiled");
        }
    }

    @Test
    void aV128StoreOutOfBoundsWritesNothing() {
        Instance inst = Jit.instance(WAT);
        var trap =
                assertThrows(Trap.class, () -> inst.function("storeOutOfBounds").call());
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap.kind());
        assertEquals(0, inst.function("byte").callForLong(65530));
    }
}
