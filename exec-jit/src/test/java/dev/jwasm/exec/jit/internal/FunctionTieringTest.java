package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmException;
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.exec.jit.JitListener;
import dev.jwasm.exec.jit.JitProvider;
import dev.jwasm.exec.jit.Uncompiled;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import dev.jwasm.wat.Wat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tiering per function: each hot function is compiled alone into a class of its own while its
 * cold siblings stay interpreted, and the calls between functions compiled at different times
 * (direct, indirect, tail, recursive, throwing or trapping) end up in compiled code through the
 * callees' call sites. Compiled on the thread that makes a function hot, for determinism.
 */
class FunctionTieringTest {
    /** The functions compiled, in order, one list per compilation. */
    private final List<List<Integer>> compiled = Collections.synchronizedList(new ArrayList<>());

    private final JitListener listener = new JitListener() {
        @Override
        public void moduleCompiled(int count, List<Uncompiled> interpreted) {
            throw new AssertionError("tiered per function, not per module");
        }

        @Override
        public void functionsCompiled(List<Integer> functions, List<Uncompiled> interpreted) {
            compiled.add(functions);
        }
    };

    /** The JVM stack at the last call of the host function env.probe, innermost first. */
    private final List<String> stack = new ArrayList<>();

    private Engine engine(int threshold, MemoryProvider memory) {
        return Engine.builder()
                .memory(memory)
                .executor(Jit.provider(config -> new JitExecutor(
                        JitProvider.NAME, config, listener, f -> false, ModuleCompiler::compile, false)))
                .jitThreshold(threshold)
                .build();
    }

    private Instance instance(int threshold, String wat) {
        return instance(new Store(engine(threshold, new HeapMemoryProvider())), wat);
    }

    private Instance instance(Store store, String wat) {
        return instance(store, WasmModule.decode(Wat.toBinary(wat)));
    }

    private Instance instance(Store store, WasmModule module) {
        var linker = new Linker().define("env", "probe", FuncType.of(List.of(), List.of()), a -> {
            stack.clear();
            StackWalker.getInstance(StackWalker.Option.SHOW_HIDDEN_FRAMES)
                    .forEach(f -> stack.add(f.getClassName().replaceAll("/0x.*", "") + "." + f.getMethodName()));
            return new long[0];
        });
        return linker.instantiate(store, module);
    }

    private static boolean compiledNow(Instance inst, String export) {
        var f = (WasmFunctionInstance) Internals.function(inst.function(export));
        return CompiledModule.of(f.instance()).isCompiled(f.index());
    }

    private static String method(String name) {
        return ModuleCompiler.CLASS_NAME.replace('/', '.') + "." + name;
    }

    /**
     * Whether the last probe ran in compiled {@code inner} called from compiled {@code outer}
     * with nothing of the executor or the runtime between them: a linked call.
     */
    private boolean linked(String inner, String outer) {
        int in = stack.indexOf(method(inner));
        int out = stack.indexOf(method(outer));
        return in >= 0
                && out > in
                && stack.subList(in, out).stream()
                        .noneMatch(f -> f.contains("JitExecutor") || f.contains("JitRuntime") || f.contains("Machine"));
    }

    @Test
    void aCompiledCallerReachesACalleeCompiledLaterThroughItsCallSite() {
        // Function 1 ($callee) probes; $caller (2) calls it only when its argument is not 0.
        Instance inst = instance(3, """
                (module
                  (import "env" "probe" (func $probe))
                  (func $callee (param i32) (result i32) (call $probe) (i32.mul (local.get 0) (i32.const 3)))
                  (func (export "caller") (param i32) (result i32)
                    (if (result i32) (local.get 0)
                      (then (i32.add (call $callee (local.get 0)) (i32.const 1)))
                      (else (i32.const -1)))))
                """);
        for (int i = 0; i < 3; i++) {
            assertEquals(-1, inst.function("caller").callForLong(0));
        }
        assertEquals(List.of(List.of(2)), compiled, "the caller alone");
        // The compiled caller's call reaches the interpreted callee through the runtime.
        assertEquals(7, inst.function("caller").callForLong(2));
        assertTrue(stack.contains(method("f2")), stack.toString());
        assertFalse(stack.contains(method("f1")), stack.toString());
        assertEquals(10, inst.function("caller").callForLong(3));
        // Its third call compiles the callee, and runs it compiled (entered through the runtime,
        // which found it hot); from the next call on the caller's call site leads straight to it.
        assertEquals(13, inst.function("caller").callForLong(4));
        assertEquals(List.of(List.of(2), List.of(1)), compiled);
        assertTrue(stack.contains(method("f1")), stack.toString());
        assertEquals(16, inst.function("caller").callForLong(5));
        assertTrue(linked("f1", "f2"), stack.toString());
    }

    @Test
    void recursionWithinAndAcrossClassesGoesDeeperThanTheJvmStackWouldHold() {
        Instance inst = instance(5, """
                (module
                  (func $fib (export "fib") (param i32) (result i32)
                    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
                      (then (local.get 0))
                      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
                  (func $even (export "even") (param i32) (result i32)
                    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
                      (else (call $odd (i32.sub (local.get 0) (i32.const 1))))))
                  (func $odd (param i32) (result i32)
                    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                      (else (call $even (i32.sub (local.get 0) (i32.const 1)))))))
                """);
        assertEquals(6765, inst.function("fib").callForLong(20));
        assertEquals(List.of(List.of(0)), compiled);
        // even and odd, each in its own class, call each other 9,000 deep (the engine's limit is
        // 10,000): the compiled frames nest only to the JIT's depth limit, the interpreter's stack
        // holds the rest.
        assertEquals(1, inst.function("even").callForLong(9_000));
        assertEquals(0, inst.function("even").callForLong(9_001));
        assertEquals(List.of(List.of(0), List.of(1), List.of(2)), compiled);
        assertTrue(compiledNow(inst, "even"));
    }

    @Test
    void anIndirectCallReachesAFunctionCompiledAfterItsCaller() {
        Instance inst = instance(3, """
                (module
                  (import "env" "probe" (func $probe))
                  (type $un (func (param i32) (result i32)))
                  (table funcref (elem $square $negate))
                  (func $square (type $un) (call $probe) (i32.mul (local.get 0) (local.get 0)))
                  (func $negate (type $un) (i32.sub (i32.const 0) (local.get 0)))
                  (func (export "apply") (param i32 i32) (result i32)
                    (call_indirect (type $un) (local.get 1) (local.get 0))))
                """);
        for (int i = 0; i < 3; i++) {
            assertEquals(-i, inst.function("apply").callForLong(1, i));
        }
        // apply (3) and negate (2) are hot; square (1) not yet called.
        assertEquals(List.of(List.of(3)), compiled.subList(0, 1));
        assertTrue(compiled.contains(List.of(2)), compiled.toString());
        assertFalse(compiled.contains(List.of(1)));
        for (int i = 0; i < 3; i++) {
            assertEquals(49, inst.function("apply").callForLong(0, 7));
        }
        assertTrue(compiled.contains(List.of(1)), compiled.toString());
        assertEquals(64, inst.function("apply").callForLong(0, 8));
        assertTrue(linked("f1", "f3"), stack.toString());
        // Its checks still trap as the spec says.
        assertEquals(
                TrapKind.UNDEFINED_ELEMENT,
                assertThrows(Trap.class, () -> inst.function("apply").call(2, 1))
                        .kind());
    }

    @Test
    void tailCallsBetweenClassesRunInConstantJvmStack() {
        Instance inst = instance(10, """
                (module
                  (func $ping (export "ping") (param i64) (result i64)
                    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 42))
                      (else (return_call $pong (i64.sub (local.get 0) (i64.const 1))))))
                  (func $pong (param i64) (result i64)
                    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 43))
                      (else (return_call $ping (i64.sub (local.get 0) (i64.const 1)))))))
                """);
        for (int i = 0; i < 10; i++) {
            assertEquals(42, inst.function("ping").callForLong(2));
        }
        // ping at its tenth call; pong, reached only by tail calls, once they count ten.
        assertEquals(List.of(List.of(0), List.of(1)), compiled);
        assertEquals(42, inst.function("ping").callForLong(1_000_000));
        assertEquals(43, inst.function("ping").callForLong(1_000_001));
    }

    @Test
    void trapsAndExceptionsCrossClassesAndTiers() {
        Instance inst = instance(3, """
                (module
                  (tag $oops (param i32))
                  (func $inner (param i32) (result i32)
                    (if (i32.lt_s (local.get 0) (i32.const 0)) (then (throw $oops (local.get 0))))
                    (i32.div_u (i32.const 100) (local.get 0)))
                  (func (export "outer") (param i32) (result i32)
                    (block $caught (result i32)
                      (try_table (catch $oops $caught)
                        (return (call $inner (local.get 0))))
                      (unreachable))))
                """);
        // outer (1) compiled at its third call, inner (0) at its own third, from compiled outer.
        for (int i = 1; i <= 3; i++) {
            assertEquals(100 / i, inst.function("outer").callForLong(i));
        }
        assertEquals(List.of(List.of(1), List.of(0)), compiled);
        // Caught by the compiled caller's handler, thrown in the callee's class.
        assertEquals(-5, inst.function("outer").callForLong(-5));
        var trap = assertThrows(Trap.class, () -> inst.function("outer").call(0));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap.kind());
        assertEquals(
                List.of(0, 1),
                trap.wasmStackTrace().stream().map(f -> f.functionIndex()).toList(),
                "each frame once, innermost first");
        assertEquals(20, inst.function("outer").callForLong(5), "still usable");
    }

    @Test
    void anExceptionFromACompiledCalleeReachesAnInterpretedCaller() {
        Instance inst = instance(2, """
                (module
                  (tag $oops (param i32))
                  (func $thrower (export "thrower") (param i32) (throw $oops (local.get 0)))
                  (func (export "catcher") (param i32) (result i32)
                    (block $caught (result i32)
                      (try_table (catch $oops $caught) (call $thrower (local.get 0)))
                      (i32.const -1))))
                """);
        for (int i = 0; i < 2; i++) {
            assertEquals(
                    7,
                    assertThrows(WasmException.class, () -> inst.function("thrower")
                                    .call(7))
                            .payload()[0]);
        }
        assertEquals(List.of(List.of(0)), compiled);
        // The first call of catcher is interpreted; its callee is compiled.
        assertEquals(9, inst.function("catcher").callForLong(9));
        assertFalse(compiledNow(inst, "catcher"));
        assertEquals(11, inst.function("catcher").callForLong(11));
        assertTrue(compiledNow(inst, "catcher"));
        assertEquals(12, inst.function("catcher").callForLong(12));
    }

    /** Hands out heap memories, every other one wrapped (a second memory class). */
    private static final class Alternating implements MemoryProvider {
        private final HeapMemoryProvider heap = new HeapMemoryProvider();
        private int made;

        @Override
        public String name() {
            return "alternating";
        }

        @Override
        public int priority() {
            return 0;
        }

        @Override
        public LinearMemory create(MemoryType type, MemoryBudget budget) {
            LinearMemory m = heap.create(type, budget);
            return made++ % 2 == 0 ? m : new ForwardingMemory(m);
        }
    }

    @Test
    void eachMemoryShapeCompilesItsOwnFunctionClasses() {
        WasmModule module = WasmModule.decode(Wat.toBinary("""
                (module
                  (memory 1)
                  (func $get (param i32) (result i32) (i32.load (local.get 0)))
                  (func (export "sum") (param i32) (result i32) (local i32)
                    (i32.store (i32.const 8) (local.get 0))
                    (local.set 1 (call $get (i32.const 8)))
                    (i32.add (local.get 1) (call $get (i32.const 8)))))
                """));
        Engine engine = engine(4, new Alternating());
        Instance heap = instance(new Store(engine), module);
        Instance forwarding = instance(new Store(engine), module);
        Instance heapAgain = instance(new Store(engine), module);
        for (int i = 0; i < 4; i++) {
            assertEquals(2 * i, heap.function("sum").callForLong(i));
            assertEquals(2 * i + 2, forwarding.function("sum").callForLong(i + 1));
        }
        assertEquals(20, heapAgain.function("sum").callForLong(10));
        assertTrue(((ForwardingMemory) Internals.state(forwarding).memories[0]).loads32 > 0);
        // $get and sum, once per shape.
        assertEquals(4, compiled.size(), compiled.toString());
        JitCode heapSum = CompiledModule.of(Internals.state(heap)).code(1);
        assertSame(heapSum, CompiledModule.of(Internals.state(heapAgain)).code(1));
        assertNotSame(heapSum, CompiledModule.of(Internals.state(forwarding)).code(1));
        assertEquals(84, forwarding.function("sum").callForLong(42));
    }
}
