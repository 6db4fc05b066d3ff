package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.wat.Wat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Fallback to the interpreter, traps, deep recursion, fuel and interrupts on compiled code. */
class TieringTest {
    @Test
    void whatTheJitCannotCompileRunsOnTheInterpreterAndTheTiersCallEachOther() {
        Instance inst = Jit.instance("""
                (module
                  (func $simd (export "simd") (param i32) (result i32)
                    (i32x4.extract_lane 1 (i32x4.add (i32x4.splat (local.get 0)) (v128.const i32x4 1 2 3 4))))
                  (func $gc (export "gc") (param i32) (result i32) (local anyref)
                    (i32.add (local.get 0) (i32.const 2)))
                  (func $tail (export "tail") (param i32) (result i32)
                    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 7))
                      (else (return_call $tail (i32.sub (local.get 0) (i32.const 1))))))
                  (func $plain (export "plain") (param i32) (result i32)
                    (i32.add (call $gc (call $simd (local.get 0))) (call $tail (local.get 0)))))
                """);
        assertEquals(10 + 2 + 2 + 7, inst.function("plain").callForLong(10));
        assertTrue(Jit.compiled(inst, "plain"));
        assertTrue(Jit.compiled(inst, "simd")); // v128 values are two longs
        assertTrue(Jit.compiled(inst, "gc")); // a GC reference local: spilled at calls and allocations
        assertTrue(Jit.compiled(inst, "tail")); // a tail call of itself runs as a loop
        // A million tail calls in constant JVM stack.
        assertEquals(7, inst.function("tail").callForLong(1_000_000));
    }

    @Test
    void codeThatHoldsGcReferencesIsCompiled() {
        Instance inst = Jit.instance("""
                (module
                  (func (export "anyNull") (param anyref) (result i32) (ref.is_null (local.get 0)))
                  (func (export "externNull") (param externref) (result i32) (ref.is_null (local.get 0))))
                """);
        assertEquals(1, inst.function("anyNull").callForLong(0));
        assertEquals(1, inst.function("externNull").callForLong(0));
        assertTrue(Jit.compiled(inst, "anyNull"));
        assertTrue(Jit.compiled(inst, "externNull"));
    }

    @Test
    void hostFunctionsAreCalledFromCompiledCode() {
        var store = new Store(Jit.engine(false));
        var linker = new Linker()
                .define("env", "twice", FuncType.of(List.of(ValType.I64), List.of(ValType.I64)), args ->
                        new long[] {args[0] * 2});
        Instance inst = linker.instantiate(store, WasmModule.decode(Wat.toBinary("""
                (module
                  (import "env" "twice" (func $twice (param i64) (result i64)))
                  (func (export "f") (param i64) (result i64) (i64.add (call $twice (local.get 0)) (i64.const 1))))
                """)));
        assertEquals(43, inst.function("f").callForLong(21));
        assertTrue(Jit.compiled(inst, "f"));
    }

    @Test
    void indirectCallsReachCompiledInterpretedHostAndForeignFunctions() {
        var store = new Store(Jit.engine(false));
        var i64ToI64 = FuncType.of(List.of(ValType.I64), List.of(ValType.I64));
        Instance other = Jit.instance(store, """
                (module (func (export "inc") (param i64) (result i64) (i64.add (local.get 0) (i64.const 1))))
                """);
        var linker = new Linker()
                .define("env", "neg", i64ToI64, args -> new long[] {-args[0]})
                .define("other", other);
        String wat = """
                (module
                  (import "env" "neg" (func $neg (param i64) (result i64)))
                  (import "other" "inc" (func $inc (param i64) (result i64)))
                  (type $t (func (param i64) (result i64)))
                  (table 4 funcref)
                  (elem (i32.const 0) $neg $inc $sq $simdId)
                  (func $sq (param i64) (result i64) (i64.mul (local.get 0) (local.get 0)))
                  (func $simdId (param i64) (result i64)
                    (i64x2.extract_lane 0 (i64x2.splat (local.get 0))))
                  (func (export "via") (param i64 i32) (result i64)
                    (call_indirect (type $t) (local.get 0) (local.get 1))))
                """;
        WasmModule module = WasmModule.decode(Wat.toBinary(wat));
        Instance inst = linker.instantiate(store, module);
        assertEquals(-5, inst.function("via").callForLong(5, 0)); // host
        assertEquals(6, inst.function("via").callForLong(5, 1)); // another instance
        assertEquals(25, inst.function("via").callForLong(5, 2)); // compiled, same class
        assertEquals(5, inst.function("via").callForLong(5, 3)); // interpreted (v128)
        assertTrue(Jit.compiled(inst, "via"));
        // A second instance of the module shares the generated class and works on its own state.
        Instance again = linker.instantiate(store, module);
        assertEquals(49, again.function("via").callForLong(7, 2));
        assertTrue(Jit.compiled(again, "via"));
        assertSame(
                CompiledModule.of(Internals.state(inst)).code(),
                CompiledModule.of(Internals.state(again)).code());
    }

    @Test
    void trapsKeepTheSpecMessagesAndLeaveTheInstanceUsable() {
        Instance inst = Jit.instance("""
                (module
                  (func (export "boom") (unreachable))
                  (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 10) (local.get 0))))
                """);
        var trap = assertThrows(Trap.class, () -> inst.function("boom").call());
        assertEquals(TrapKind.UNREACHABLE, trap.kind());
        assertEquals("unreachable", trap.getMessage());
        assertEquals(1, trap.wasmStackTrace().size());
        assertEquals(0, trap.wasmStackTrace().getFirst().functionIndex());
        trap = assertThrows(Trap.class, () -> inst.function("div").call(0));
        assertEquals("integer divide by zero", trap.getMessage());
        assertEquals(5, inst.function("div").callForLong(2));
    }

    @Test
    void unboundedRecursionIsCallStackExhaustedAndTheEngineStaysUsable() {
        Instance inst = Jit.instance("""
                (module
                  (func $down (export "down") (param i64) (result i64)
                    (i64.add (call $down (i64.add (local.get 0) (i64.const 1))) (i64.const 1)))
                  (func $depth (export "depth") (param i32) (result i32)
                    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                      (else (i32.add (i32.const 1) (call $depth (i32.sub (local.get 0) (i32.const 1))))))))
                """);
        var trap = assertThrows(Trap.class, () -> inst.function("down").call(0));
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, trap.kind());
        assertEquals("call stack exhausted", trap.getMessage());
        assertTrue(Jit.compiled(inst, "down"));
        // Still usable. Recursion deeper than the JIT nests on the JVM stack continues on the
        // interpreter's own stack, so it completes up to the engine's call-depth limit (10,000).
        assertEquals(5_000, inst.function("depth").callForLong(5_000));
        assertEquals(9_500, inst.function("depth").callForLong(9_500));
        assertEquals(
                TrapKind.CALL_STACK_EXHAUSTED,
                assertThrows(Trap.class, () -> inst.function("depth").call(20_000))
                        .kind());
    }

    private static final String COUNTING = """
            (module
              (func $count (export "count") (param i32) (result i32) (local i32)
                (block (loop
                  (br_if 1 (i32.ge_u (local.get 1) (local.get 0)))
                  (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                  (br 0)))
                (local.get 1))
              (func (export "thrice") (param i32) (result i32)
                (drop (call $count (local.get 0)))
                (drop (call $count (local.get 0)))
                (call $count (local.get 0)))
              (func (export "spin") (loop (br 0)))
              (func (export "countdown") (param i32) (result i32)
                (loop (br_if 0 (i32.gt_s (local.tee 0 (i32.sub (local.get 0) (i32.const 1))) (i32.const 0))))
                (local.get 0))
              (func (export "countdown64") (param i64) (result i64)
                (loop (br_if 0 (i64.gt_s (local.tee 0 (i64.sub (local.get 0) (i64.const 1))) (i64.const 0))))
                (local.get 0))
              (func (export "spinIf") (param i32) (loop (br_if 0 (local.get 0)))))
            """;

    @Test
    void conditionalBackEdgesTakeFuelOnlyWhenTaken() {
        // countdown(5) runs its loop body 5 times and takes the br_if back to it 4 times: with
        // the entry, 5 units. Its constants come from the frame's constant pool, which the
        // compiled code must fill as the interpreter does (else it would count down by 0).
        var store = new Store(Jit.engine(true));
        Instance inst = Jit.instance(store, COUNTING);
        for (String name : new String[] {"countdown", "countdown64"}) {
            store.setFuel(5);
            assertEquals(0, inst.function(name).callForLong(5), name);
            assertEquals(0, store.fuel(), name);
            assertTrue(Jit.compiled(inst, name), name);
            store.setFuel(4);
            assertEquals(
                    TrapKind.OUT_OF_FUEL,
                    assertThrows(Trap.class, () -> inst.function(name).call(5)).kind(),
                    name);
        }
        store.setFuel(1_000);
        assertEquals(
                TrapKind.OUT_OF_FUEL,
                assertThrows(Trap.class, () -> inst.function("spinIf").call(1)).kind());
        assertTrue(Jit.compiled(inst, "spinIf"));
    }

    @Test
    void fuelIsTakenAtEachEntryAndBackEdgeAsOnTheInterpreter() {
        var store = new Store(Jit.engine(true));
        Instance inst = Jit.instance(store, COUNTING);
        store.setFuel(11);
        assertEquals(10, inst.function("count").callForLong(10)); // 1 entry + 10 back-edges
        assertEquals(0, store.fuel());
        assertTrue(Jit.compiled(inst, "count"));
        store.setFuel(100);
        assertEquals(4, inst.function("thrice").callForLong(4)); // 1 + 3 x (1 + 4)
        assertEquals(84, store.fuel());
        store.setFuel(10);
        assertEquals(
                TrapKind.OUT_OF_FUEL,
                assertThrows(Trap.class, () -> inst.function("count").call(10)).kind());
        store.setFuel(1_000);
        assertEquals(
                TrapKind.OUT_OF_FUEL,
                assertThrows(Trap.class, () -> inst.function("spin").call()).kind());
    }

    @Test
    void anInterruptStopsACompiledLoop() throws InterruptedException {
        var store = new Store(Jit.engine(false));
        Instance inst = Jit.instance(store, COUNTING);
        var started = new CountDownLatch(1);
        var interrupter = Thread.ofPlatform().start(() -> {
            try {
                started.await();
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.interrupt();
        });
        started.countDown();
        var trap = assertThrows(Trap.class, () -> inst.function("spin").call());
        assertEquals(TrapKind.INTERRUPTED, trap.kind());
        assertTrue(interrupter.join(java.time.Duration.ofSeconds(10)));
        assertTrue(Jit.compiled(inst, "spin"));
        store.resume();
        assertEquals(3, inst.function("count").callForLong(3));
    }
}
