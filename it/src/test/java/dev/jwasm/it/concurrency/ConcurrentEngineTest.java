package dev.jwasm.it.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.WasmModule;
import dev.jwasm.wat.Wat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many Java threads on one engine: instances of one shared module (its compiled code shared) and
 * modules decoded concurrently (the engine's type registry shared) produce exactly what a
 * sequential run produces; no state leaks between instances; and stores closing on one thread
 * leave the others' work intact.
 */
class ConcurrentEngineTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 40;

    /**
     * Per-instance state in a global, a memory and a table; call_indirect checks types that
     * structurally equal types of other modules share through the registry.
     */
    private static final String WAT = """
            (module
              (type $bin (func (param i32 i32) (result i32)))
              (memory 1)
              (global $calls (mut i32) (i32.const 0))
              (table 2 funcref)
              (elem (i32.const 0) $mix $add)
              (func $mix (type $bin) (i32.xor (i32.mul (local.get 0) (i32.const 31)) (local.get 1)))
              (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
              (func (export "run") (param $seed i32) (result i32)
                (local $i i32) (local $h i32)
                (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
                (local.set $h (i32.add (local.get $seed) (i32.load (i32.const 0))))
                (loop $l
                  (local.set $h (call_indirect (type $bin) (local.get $h) (local.get $i)
                    (i32.and (local.get $i) (i32.const 1))))
                  (i32.store (i32.shl (i32.and (local.get $i) (i32.const 255)) (i32.const 2)) (local.get $h))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $i) (i32.const 5000))))
                (local.get $h))
              (func (export "calls") (result i32) (global.get $calls)))
            """;

    /** What one thread does: a fresh store and instance, a few calls, every result recorded. */
    private static List<Long> work(Engine engine, WasmModule module, int seed) {
        try (var store = new Store(engine)) {
            var instance = new Linker().instantiate(store, module);
            var results = new ArrayList<Long>();
            for (int i = 0; i < 3; i++) {
                results.add(instance.function("run").callForLong(seed + i));
            }
            // Three calls on this instance only: nothing counted from other instances.
            results.add(instance.function("calls").callForLong());
            return results;
        }
    }

    private static <T> List<T> all(List<Future<T>> futures) throws InterruptedException, ExecutionException {
        var out = new ArrayList<T>();
        for (var f : futures) {
            out.add(f.get());
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"interp", "jit"})
    void threadsSharingOneModuleMatchASequentialRun(String executor) throws Exception {
        try (var engine = Engine.builder().executor(executor).build()) {
            var shared = engine.decode(Wat.toBinary(WAT));
            var sequential = new ArrayList<List<Long>>();
            for (int seed = 0; seed < ROUNDS; seed++) {
                sequential.add(work(engine, shared, seed));
            }
            try (var pool = Executors.newFixedThreadPool(THREADS)) {
                var sharedModule = new ArrayList<Future<List<Long>>>();
                var ownModule = new ArrayList<Future<List<Long>>>();
                for (int seed = 0; seed < ROUNDS; seed++) {
                    int s = seed;
                    sharedModule.add(pool.submit(() -> work(engine, shared, s)));
                    // Decoding concurrently registers the same types from many threads.
                    ownModule.add(pool.submit(
                            (Callable<List<Long>>) () -> work(engine, engine.decode(Wat.toBinary(WAT)), s)));
                }
                assertEquals(sequential, all(sharedModule));
                assertEquals(sequential, all(ownModule));
            }
            // Each instance counted its own three calls.
            sequential.forEach(r -> assertEquals(3L, r.getLast()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"interp", "jit"})
    void closingStoresOnOneThreadLeavesTheOthersIntact(String executor) throws Exception {
        try (var engine = Engine.builder().executor(executor).build()) {
            var module = engine.decode(Wat.toBinary(WAT));
            var expected = work(engine, module, 7);
            var stop = new AtomicBoolean();
            try (var pool = Executors.newFixedThreadPool(THREADS)) {
                var workers = new ArrayList<Future<Integer>>();
                for (int t = 0; t < THREADS / 2; t++) {
                    workers.add(pool.submit(() -> {
                        int runs = 0;
                        while (!stop.get()) {
                            assertEquals(expected, work(engine, module, 7));
                            runs++;
                        }
                        return runs;
                    }));
                }
                // Meanwhile: stores opened, used, interrupted mid-loop and closed, over and over.
                for (int i = 0; i < 30; i++) {
                    var store = new Store(engine);
                    var instance = new Linker().instantiate(store, module);
                    var running = pool.submit(() -> {
                        try {
                            return instance.function("run").callForLong(1);
                        } catch (Trap interrupted) {
                            return -1L;
                        }
                    });
                    store.interrupt();
                    running.get(30, TimeUnit.SECONDS);
                    store.close();
                }
                stop.set(true);
                for (var w : workers) {
                    assertEquals(true, w.get() > 0);
                }
            }
            assertEquals(expected, work(engine, module, 7));
        }
    }
}
