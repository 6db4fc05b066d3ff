package dev.jwasm.it.threads;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Memory;
import dev.jwasm.api.Store;
import dev.jwasm.api.WasmModule;
import dev.jwasm.it.spec.Combination;
import dev.jwasm.wat.Wat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * What the multi-threaded tests share: every executor+memory combination, a shared memory made
 * by a module that exports it (as a host would get one), instances of other modules importing it
 * as {@code env memory}, each in a store of its own, and a way to run code on many threads at once.
 */
final class Threads {
    /** How long any one multi-threaded step may take before the test fails instead of hanging. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private Threads() {}

    static Stream<Combination> combinations() {
        return Combination.available().stream();
    }

    static WasmModule module(Engine engine, String wat) {
        return engine.decode(Wat.toBinary(wat)).validate();
    }

    /** A new shared memory of {@code min} to {@code max} pages, owned by {@code store}. */
    static Memory sharedMemory(Store store, int min, int max) {
        var owner = module(store.engine(), "(module (memory (export \"memory\") " + min + " " + max + " shared))");
        return new Linker().instantiate(store, owner).memory("memory");
    }

    /** An instance of {@code module} in {@code store}, importing {@code memory} as {@code env memory}. */
    static Instance instantiate(Store store, WasmModule module, Memory memory) {
        return new Linker().define("env", "memory", memory).instantiate(store, module);
    }

    /**
     * Runs {@code body(i)} for i in 0..n-1, each on its own platform thread, all released at once;
     * returns the results in order and rethrows the first failure.
     */
    static <T> List<T> onThreads(int n, IntFunction<T> body) throws InterruptedException {
        var results = new AtomicReferenceArray<Object>(n);
        var start = new CyclicBarrier(n);
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < n; i++) {
            int index = i;
            threads.add(Thread.ofPlatform().name("wasm-" + i).start(() -> {
                try {
                    start.await();
                    results.set(index, body.apply(index));
                } catch (Throwable t) {
                    results.set(index, new Failure(t));
                }
            }));
        }
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        for (var thread : threads) {
            thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            assertTrue(!thread.isAlive(), thread.getName() + " did not finish within " + STEP_TIMEOUT);
        }
        var out = new ArrayList<T>();
        for (int i = 0; i < n; i++) {
            if (results.get(i) instanceof Failure(Throwable t)) {
                throw new AssertionError("thread " + i + " failed: " + t, t);
            }
            @SuppressWarnings("unchecked")
            T value = (T) results.get(i);
            out.add(value);
        }
        return out;
    }

    private record Failure(Throwable cause) {}
}
