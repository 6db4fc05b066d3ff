package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import dev.jwasm.exec.jit.JitListener;
import dev.jwasm.exec.jit.JitProvider;
import dev.jwasm.exec.jit.Uncompiled;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.spi.ExecutorProvider;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import dev.jwasm.wat.Wat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tiering: modules start on the interpreter, a function past the call threshold is compiled into
 * a class of its own (in the background, or for determinism on the thread that makes it hot),
 * compiled callers reach it through its call site once it is, and a long loop in an interpreted
 * call continues in compiled code (on-stack replacement).
 */
class HotTieringTest {
    private static final String MODULE = """
            (module
              (func $add (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func $count (export "count") (param i32) (result i32) (local i32)
                (block (loop
                  (br_if 1 (i32.ge_u (local.get 1) (local.get 0)))
                  (local.set 1 (call $add (local.get 1) (i32.const 1)))
                  (br 0)))
                (local.get 1))
              (func (export "sum") (param i64) (result i64) (local i64)
                (loop
                  (local.set 1 (i64.add (local.get 1) (local.get 0)))
                  (br_if 0 (i64.ne (local.tee 0 (i64.sub (local.get 0) (i64.const 1))) (i64.const 0))))
                (local.get 1))
              (func (export "trapAt") (param i32) (result i32) (local i32)
                (loop
                  (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                  (br_if 0 (i32.lt_u (local.get 1) (local.get 0))))
                (i32.div_u (local.get 1) (i32.const 0)))
              (tag $found (param i32))
              (func (export "search") (param i32) (result i32) (local i32)
                (block $caught (result i32)
                  (try_table (catch $found $caught)
                    (loop
                      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                      (if (i32.eq (local.get 1) (local.get 0)) (then (throw $found (local.get 1))))
                      (br 0)))
                  (i32.const -1)))
              (func (export "escape") (param i32) (local i32)
                (loop
                  (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                  (if (i32.eq (local.get 1) (local.get 0)) (then (throw $found (local.get 1))))
                  (br 0))))
            """;

    /** What the executor told its listener, in order, and on which threads. */
    private static final class Recorder implements JitListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch compiled = new CountDownLatch(1);
        final Semaphore heard = new Semaphore(0);

        @Override
        public void moduleCompiled(int count, List<Uncompiled> interpreted) {
            events.add("compiled " + count);
            threads.add(Thread.currentThread().getName());
            compiled.countDown();
            heard.release();
        }

        @Override
        public void functionsCompiled(List<Integer> functions, List<Uncompiled> interpreted) {
            events.add("fn " + functions);
            threads.add(Thread.currentThread().getName());
            compiled.countDown();
            heard.release();
        }

        @Override
        public void loopEntered(int functionIndex, int pc) {
            events.add("osr " + functionIndex);
        }
    }

    private static Engine engine(
            int threshold, boolean background, boolean fuel, JitListener listener, JitExecutor.Backend backend) {
        ExecutorProvider provider = Jit.provider(
                config -> new JitExecutor(JitProvider.NAME, config, listener, f -> false, backend, background));
        return Engine.builder()
                .memory(new HeapMemoryProvider())
                .executor(provider)
                .jitThreshold(threshold)
                .consumeFuel(fuel)
                .build();
    }

    private static Instance instance(Store store) {
        return new Linker().instantiate(store, WasmModule.decode(Wat.toBinary(MODULE)));
    }

    /** Whether the export has compiled code now (false before its module is compiled). */
    private static boolean compiledNow(Instance inst, String export) {
        var f = (WasmFunctionInstance) Internals.function(inst.function(export));
        return CompiledModule.of(f.instance()).isCompiled(f.index());
    }

    @Test
    void aFunctionCalledPastTheThresholdIsCompiled() {
        var recorder = new Recorder();
        Instance inst = instance(new Store(engine(5, false, false, recorder, ModuleCompiler::compile)));
        for (int i = 1; i < 5; i++) {
            assertEquals(i + 2, inst.function("add").callForLong(i, 2));
            assertFalse(compiledNow(inst, "add"), "interpreted for call " + i);
        }
        assertEquals(List.of(), recorder.events);
        // The fifth call makes it hot: the module compiles on this thread (the test's option)
        // and the call itself already runs compiled.
        assertEquals(9, inst.function("add").callForLong(7, 2));
        assertTrue(compiledNow(inst, "add"));
        for (String cold : List.of("count", "sum", "trapAt", "search", "escape")) {
            assertFalse(compiledNow(inst, cold), cold + " was never called: still interpreted");
        }
        assertEquals(List.of("fn [0]"), recorder.events);
        assertEquals(-1, inst.function("add").callForLong(0, -1));
    }

    @Test
    void aHotModuleCompilesInTheBackgroundWhileTheInterpreterRuns() throws InterruptedException {
        var recorder = new Recorder();
        Instance inst = instance(new Store(engine(3, true, false, recorder, ModuleCompiler::compile)));
        for (int i = 0; i < 3; i++) {
            assertEquals(5, inst.function("add").callForLong(2, 3));
        }
        assertTrue(recorder.compiled.await(30, TimeUnit.SECONDS), "compiled in the background");
        assertEquals(List.of("jwasm-jit-compiler"), recorder.threads);
        // The listener hears of the code once it is installed.
        assertTrue(compiledNow(inst, "add"));
        assertEquals(11, inst.function("add").callForLong(5, 6));
        assertEquals(List.of("fn [0]"), recorder.events, "compiled once");
    }

    /** A fresh engine compiling on the thread that makes a module hot, at threshold 10. */
    private static Instance onThread(Recorder recorder) {
        return instance(new Store(engine(10, false, false, recorder, ModuleCompiler::compile)));
    }

    @Test
    void aLongLoopInOneInterpretedCallContinuesCompiled() {
        // Threshold 10: a report every 100 back-edges. count's calls of add make add hot first;
        // the first report compiles count, and the loop continues on count's OSR entry.
        var recorder = new Recorder();
        assertEquals(1_000_000, onThread(recorder).function("count").callForLong(1_000_000));
        assertEquals(List.of("fn [0]", "fn [1]", "osr 1"), recorder.events);
        // A loop without calls: its back-edges alone make it hot. The sum of 1..n.
        var again = new Recorder();
        assertEquals(500_000_500_000L, onThread(again).function("sum").callForLong(1_000_000));
        assertEquals(List.of("fn [2]", "osr 2"), again.events);
    }

    @Test
    void loopCodeReplacedOnTheStackCallsTheModulesCompiledFunctionsDirectly() {
        // The last probe's JVM stack: the OSR entry's chunk of $loop (function 2), then $leaf's
        // method in its own class, called through its call site, not the executor.
        var stack = new ArrayList<String>();
        var linker = new Linker().define("env", "probe", dev.jwasm.api.model.FuncType.of(List.of(), List.of()), a -> {
            stack.clear();
            StackWalker.getInstance(StackWalker.Option.SHOW_HIDDEN_FRAMES)
                    .forEach(f -> stack.add(f.getClassName().replaceAll("/0x.*", "") + "." + f.getMethodName()));
            return new long[0];
        });
        var recorder = new Recorder();
        Instance inst = linker.instantiate(
                new Store(engine(10, false, false, recorder, ModuleCompiler::compile)),
                WasmModule.decode(Wat.toBinary("""
                        (module
                          (import "env" "probe" (func $probe))
                          (func $leaf (call $probe))
                          (func (export "loop") (param i32)
                            (loop (call $leaf) (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))))
                        """)));
        inst.function("loop").call(1_000);
        assertEquals(List.of("fn [1]", "fn [2]", "osr 2"), recorder.events);
        String module = ModuleCompiler.CLASS_NAME.replace('/', '.');
        int leaf = stack.indexOf(module + ".f1");
        int chunk = stack.indexOf(module + ".s2_0");
        assertTrue(leaf >= 0 && chunk > leaf, stack.toString());
        assertTrue(
                stack.subList(leaf, chunk).stream()
                        .noneMatch(f -> f.contains("JitExecutor") || f.contains("JitRuntime")),
                stack.toString());
    }

    @Test
    void onStackReplacementTakesFuelExactlyAsTheInterpreter() {
        // sum(n): one unit at entry and one per back-edge taken (n - 1).
        var recorder = new Recorder();
        var store = new Store(engine(10, false, true, recorder, ModuleCompiler::compile));
        Instance inst = instance(store);
        store.setFuel(10_000);
        assertEquals(50_005_000, inst.function("sum").callForLong(10_000));
        assertEquals(0, store.fuel());
        assertEquals(List.of("fn [2]", "osr 2"), recorder.events);
        var short1 = new Recorder();
        var otherStore = new Store(engine(10, false, true, short1, ModuleCompiler::compile));
        Instance other = instance(otherStore);
        otherStore.setFuel(9_999);
        assertEquals(
                TrapKind.OUT_OF_FUEL,
                assertThrows(Trap.class, () -> other.function("sum").call(10_000))
                        .kind());
        assertEquals(List.of("fn [2]", "osr 2"), short1.events);
    }

    @Test
    void aTrapInLoopCodeReplacedOnTheStackNamesTheFrameOnce() {
        var recorder = new Recorder();
        Instance inst = onThread(recorder);
        var trap = assertThrows(Trap.class, () -> inst.function("trapAt").call(100_000));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap.kind());
        assertEquals(List.of("fn [3]", "osr 3"), recorder.events);
        assertEquals(1, trap.wasmStackTrace().size(), trap.wasmStackTrace().toString());
        assertEquals(3, trap.wasmStackTrace().getFirst().functionIndex());
        // The engine stays usable.
        assertEquals(7, inst.function("add").callForLong(3, 4));
    }

    @Test
    void wasmExceptionsLeaveLoopCodeReplacedOnTheStackAsInterpreted() {
        // Caught in the same frame, by the compiled code's handler.
        var recorder = new Recorder();
        assertEquals(50_000, onThread(recorder).function("search").callForLong(50_000));
        assertEquals(List.of("fn [4]", "osr 4"), recorder.events);
        // Out to the host.
        var again = new Recorder();
        Instance inst = onThread(again);
        var e = assertThrows(WasmException.class, () -> inst.function("escape").call(50_000));
        assertEquals(List.of("fn [5]", "osr 5"), again.events);
        assertEquals(50_000L, e.payload()[0]);
    }

    @Test
    void aCompileFailureInTheBackgroundLeavesTheModuleInterpretedAndCorrect() throws InterruptedException {
        var recorder = new Recorder();
        JitExecutor.Backend failing = (inst, fuel, interpretOnly, functions, tier) -> {
            throw new IllegalStateException("injected compiler failure");
        };
        Instance inst = instance(new Store(engine(2, true, false, recorder, failing)));
        for (int i = 0; i < 2; i++) {
            assertEquals(3, inst.function("add").callForLong(1, 2));
        }
        assertTrue(recorder.heard.tryAcquire(30, TimeUnit.SECONDS));
        assertEquals(List.of("fn []"), recorder.events);
        assertFalse(compiledNow(inst, "add"));
        // Still right, loops included (no OSR entry without compiled code), and never retried:
        // count's loop has count itself compiled (and fail) once.
        assertEquals(1_000_000, inst.function("count").callForLong(1_000_000));
        for (int i = 0; i < 10; i++) {
            assertEquals(i + 1, inst.function("add").callForLong(i, 1));
        }
        assertTrue(recorder.heard.tryAcquire(30, TimeUnit.SECONDS));
        assertEquals(1_000_000, inst.function("count").callForLong(1_000_000));
        assertFalse(recorder.heard.tryAcquire(1, TimeUnit.SECONDS), "no third attempt");
        assertEquals(List.of("fn []", "fn []"), recorder.events);
        assertFalse(compiledNow(inst, "count"));
    }

    @Test
    void manyThreadsWithTheirOwnStoresShareOneCompilation() throws Exception {
        var recorder = new Recorder();
        Engine engine = engine(50, true, false, recorder, ModuleCompiler::compile);
        WasmModule module = WasmModule.decode(Wat.toBinary(MODULE));
        var pool = Executors.newFixedThreadPool(4);
        try {
            var results = new ArrayList<Future<Instance>>();
            for (int t = 0; t < 4; t++) {
                int base = t * 1_000;
                results.add(pool.submit(() -> {
                    Instance inst = new Linker().instantiate(new Store(engine), module);
                    for (int i = 0; i < 5_000; i++) {
                        if (inst.function("add").callForLong(base, i) != base + i) {
                            throw new AssertionError("add(" + base + ", " + i + ")");
                        }
                        if (i % 500 == 0 && inst.function("count").callForLong(20_000 + i) != 20_000 + i) {
                            throw new AssertionError("count(" + (20_000 + i) + ")");
                        }
                    }
                    return inst;
                }));
            }
            var instances = new ArrayList<Instance>();
            for (Future<Instance> f : results) {
                instances.add(get(f));
            }
            // add (function 0) was hot in every thread, count's loop (function 1) too.
            assertTrue(recorder.heard.tryAcquire(2, 30, TimeUnit.SECONDS));
            assertFalse(recorder.heard.tryAcquire(1, TimeUnit.SECONDS), "nothing compiled twice");
            assertEquals(
                    List.of("fn [0]", "fn [1]"),
                    recorder.events.stream()
                            .filter(e -> e.startsWith("fn"))
                            .sorted()
                            .toList());
            JitCode code =
                    CompiledModule.of(Internals.state(instances.getFirst())).code(0);
            for (Instance inst : instances) {
                assertSame(code, CompiledModule.of(Internals.state(inst)).code(0), "one class for all");
                assertEquals(42, inst.function("add").callForLong(40, 2));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Instance get(Future<Instance> f) throws InterruptedException {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eagerModeIgnoresTheThreshold() {
        var recorder = new Recorder();
        Engine engine = Engine.builder()
                .memory(new HeapMemoryProvider())
                .executor(new JitProvider(recorder))
                .jitEager(true)
                .jitThreshold(1_000_000)
                .build();
        Instance inst = instance(new Store(engine));
        assertEquals(List.of("compiled 6"), recorder.events);
        assertTrue(compiledNow(inst, "count"));
        assertEquals(3, inst.function("add").callForLong(1, 2));
        assertNull(CompiledModule.of(Internals.state(inst)).tier().osr(1), "no loop ran interpreted");
    }
}
