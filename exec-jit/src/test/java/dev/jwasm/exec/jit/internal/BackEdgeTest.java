package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Instance;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Compiled code charges fuel and checks for stops at every backward jump it takes (conditional,
 * fused and br_table ones included) and at function entry, and nowhere else.
 */
class BackEdgeTest {
    private static final String LOOPS = """
            (module
              (func (export "brIf") (param i32) (result i32) (local i32)
                (loop
                  (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                  (br_if 0 (local.get 0) (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))) (drop))
                (local.get 1))
              (func (export "fused") (param i32) (result i32) (local i32)
                (loop
                  (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                  (br_if 0 (i32.lt_u (local.get 1) (local.get 0))))
                (local.get 1))
              (func (export "table") (param i32) (result i32) (local i32)
                (block (loop
                  (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                  (br_table 0 1 (i32.ge_u (local.get 1) (local.get 0)))))
                (local.get 1))
              (func (export "spinIf") (loop (br_if 0 (i32.const 1))))
              (func (export "spinTable") (loop (br_table 0 0 (i32.const 1))))
              (func (export "locals") (param i64) (result i64) (local i32 i64 f64)
                (local.set 0 (i64.add (local.get 0) (i64.extend_i32_u (local.get 1))))
                (local.set 0 (i64.add (local.get 0) (local.get 2)))
                (i64.add (local.get 0) (i64.reinterpret_f64 (local.get 3)))))
            """;

    private static long fuelUsed(Store store, Instance inst, String export, int arg, long expected) {
        store.setFuel(1_000);
        assertEquals(expected, inst.function(export).callForLong(arg));
        assertTrue(Jit.compiled(inst, export), export + " is compiled");
        return 1_000 - store.fuel();
    }

    @Test
    void aTakenConditionalBackEdgeIsChargedOncePerIteration() {
        var store = new Store(Jit.engine(true));
        Instance inst = Jit.instance(store, LOOPS);
        // 5 iterations: 1 entry + 4 taken back-edges (the final, untaken br_if is free).
        assertEquals(5, fuelUsed(store, inst, "fused", 5, 5));
        assertEquals(1 + 9, fuelUsed(store, inst, "fused", 10, 10));
    }

    @Test
    void brIfOnAValueKeepsCountingOnlyTakenBranches() {
        var store = new Store(Jit.engine(true));
        Instance inst = Jit.instance(store, LOOPS);
        // br_if takes its condition from the tee: 3 -> 2, 1, 0: taken twice, then falls out.
        assertEquals(1 + 2, fuelUsed(store, inst, "brIf", 3, 3));
    }

    @Test
    void brTableEntriesThatJumpBackAreCharged() {
        var store = new Store(Jit.engine(true));
        Instance inst = Jit.instance(store, LOOPS);
        // Counter 1..4 takes entry 0 (the loop, backward), 5 takes entry 1 (forward, free).
        assertEquals(1 + 4, fuelUsed(store, inst, "table", 5, 5));
        store.setFuel(4);
        assertEquals(
                TrapKind.OUT_OF_FUEL,
                assertThrows(Trap.class, () -> inst.function("table").call(5)).kind());
    }

    @Test
    void endlessConditionalAndTableLoopsRunOutOfFuel() {
        var store = new Store(Jit.engine(true));
        Instance inst = Jit.instance(store, LOOPS);
        for (String spin : new String[] {"spinIf", "spinTable"}) {
            store.setFuel(10_000);
            assertEquals(
                    TrapKind.OUT_OF_FUEL,
                    assertThrows(Trap.class, () -> inst.function(spin).call()).kind());
            assertTrue(Jit.compiled(inst, spin));
        }
    }

    @Test
    void anInterruptStopsConditionalAndTableLoops() throws InterruptedException {
        for (String spin : new String[] {"spinIf", "spinTable"}) {
            var store = new Store(Jit.engine(false));
            Instance inst = Jit.instance(store, LOOPS);
            var interrupter = Jit.interruptAfter(store, 50);
            var trap = assertThrows(Trap.class, () -> inst.function(spin).call());
            assertEquals(TrapKind.INTERRUPTED, trap.kind());
            assertTrue(interrupter.join(Duration.ofSeconds(10)));
            assertTrue(Jit.compiled(inst, spin));
        }
    }

    @Test
    void declaredLocalsStartAtZeroOnEveryCall() {
        Instance inst = Jit.instance(LOOPS);
        assertEquals(7, inst.function("locals").callForLong(7L));
        assertEquals(-3, inst.function("locals").callForLong(-3L));
        assertTrue(Jit.compiled(inst, "locals"));
    }
}
