package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Instance;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Compiled tail calls never grow the JVM stack: self calls loop, the others go through a trampoline. */
class TailCallTest {
    private static final String WAT = """
            (module
              (type $ii (func (param i64) (result i64)))
              (table 2 funcref)
              (elem (i32.const 0) $even_i $odd_i)
              (func $count (export "count") (param i64 i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0))
                  (then (local.get 1))
                  (else (return_call $count (i64.sub (local.get 0) (i64.const 1))
                                            (i64.add (local.get 1) (i64.const 2))))))
              (func $even (export "even") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0))
                  (then (i64.const 1))
                  (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
              (func $odd (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0))
                  (then (i64.const 0))
                  (else (return_call $even (i64.sub (local.get 0) (i64.const 1))))))
              (func $even_i (export "evenIndirect") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0))
                  (then (i64.const 1))
                  (else (return_call_indirect (type $ii) (i64.sub (local.get 0) (i64.const 1)) (i32.const 1)))))
              (func $odd_i (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0))
                  (then (i64.const 0))
                  (else (return_call_indirect (type $ii) (i64.sub (local.get 0) (i64.const 1)) (i32.const 0)))))
              (func (export "badIndex") (result i64)
                (return_call_indirect (type $ii) (i64.const 0) (i32.const 7))))
            """;

    /** Runs {@code body} on a thread with a small JVM stack: deep JVM recursion would overflow it. */
    private static long onSmallStack(java.util.function.LongSupplier body) throws InterruptedException {
        var result = new AtomicReference<Object>();
        var t = new Thread(
                null,
                () -> {
                    try {
                        result.set(body.getAsLong());
                    } catch (Throwable e) {
                        result.set(e);
                    }
                },
                "small-stack",
                256 * 1024);
        t.start();
        t.join();
        if (result.get() instanceof Throwable e) {
            throw new AssertionError(e);
        }
        return (Long) result.get();
    }

    @Test
    void tailCallsRunAMillionDeepInConstantStack() throws InterruptedException {
        Instance inst = Jit.instance(WAT);
        assertEquals(2_000_000, onSmallStack(() -> inst.function("count").callForLong(1_000_000, 0)));
        assertEquals(1, onSmallStack(() -> inst.function("even").callForLong(1_000_000)));
        assertEquals(0, onSmallStack(() -> inst.function("even").callForLong(999_999)));
        assertEquals(1, onSmallStack(() -> inst.function("evenIndirect").callForLong(1_000_000)));
        for (String name : new String[] {"count", "even", "evenIndirect", "badIndex"}) {
            assertTrue(Jit.compiled(inst, name), name + " is compiled");
        }
    }

    @Test
    void aTailCallTrapsInTheCallersFrame() {
        Instance inst = Jit.instance(WAT);
        var trap = assertThrows(Trap.class, () -> inst.function("badIndex").call());
        assertEquals(TrapKind.UNDEFINED_ELEMENT, trap.kind());
        assertTrue(Jit.compiled(inst, "badIndex"));
    }
}
