package dev.jwasm.it.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jwasm.api.Store;
import dev.jwasm.it.spec.Combination;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many Java threads, each running its own instance (in its own store) over one shared memory,
 * update counters at the same time: with atomic read-modify-writes of every width, and under a
 * spin lock built from {@code i32.atomic.rmw.cmpxchg} that guards plain loads and stores. Every
 * total must be exact, run after run, on every executor and memory backend.
 */
class SharedCountersTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 5;
    private static final int ADDS = 3000;
    /** Fewer under the lock: spinning threads on few cores take their time. */
    private static final int LOCKED_ADDS = 1000;

    /**
     * Counters: 0 i32, 8 i64, 16 and 17 two neighbouring bytes, 18 a 16-bit half, all in words
     * other counters share, so a sub-word update that clobbers its neighbours shows. 32 is the
     * lock; 40 (i64) and 48 (i32) are counted under it with plain accesses.
     */
    static final String COUNTERS = """
            (module
              (import "env" "memory" (memory 1 1 shared))
              (func (export "atomic") (param $n i32)
                (loop $again
                  (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
                  (drop (i64.atomic.rmw.add (i32.const 8) (i64.const 1)))
                  (drop (i32.atomic.rmw8.add_u (i32.const 16) (i32.const 1)))
                  (drop (i64.atomic.rmw8.sub_u (i32.const 17) (i64.const 1)))
                  (drop (i32.atomic.rmw16.add_u (i32.const 18) (i32.const 3)))
                  (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
              (func $lock
                (loop $spin
                  (br_if $spin (i32.atomic.rmw.cmpxchg (i32.const 32) (i32.const 0) (i32.const 1)))))
              (func $unlock
                (i32.atomic.store (i32.const 32) (i32.const 0)))
              (func (export "locked") (param $n i32)
                (loop $again
                  (call $lock)
                  (i64.store (i32.const 40) (i64.add (i64.load (i32.const 40)) (i64.const 1)))
                  (i32.store (i32.const 48) (i32.add (i32.load (i32.const 48)) (i32.const 2)))
                  (call $unlock)
                  (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void atomicReadModifyWritesLoseNoUpdate(Combination combination) throws InterruptedException {
        try (var engine = combination.engine()) {
            var module = Threads.module(engine, COUNTERS);
            for (int round = 0; round < ROUNDS; round++) {
                try (var owner = new Store(engine)) {
                    var memory = Threads.sharedMemory(owner, 1, 1);
                    Threads.onThreads(THREADS, i -> {
                        try (var store = new Store(engine)) {
                            Threads.instantiate(store, module, memory)
                                    .function("atomic")
                                    .call(ADDS);
                        }
                        return null;
                    });
                    int total = THREADS * ADDS;
                    assertEquals(total, memory.readI32(0), "i32 counter, round " + round);
                    assertEquals(total, memory.readI64(8), "i64 counter, round " + round);
                    assertEquals(total & 0xFF, memory.readI8(16) & 0xFF, "8-bit counter, round " + round);
                    assertEquals(-total & 0xFF, memory.readI8(17) & 0xFF, "8-bit down-counter, round " + round);
                    assertEquals(3 * total & 0xFFFF, memory.readI16(18) & 0xFFFF, "16-bit counter, round " + round);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void aCmpxchgSpinLockMakesPlainUpdatesExact(Combination combination) throws InterruptedException {
        try (var engine = combination.engine()) {
            var module = Threads.module(engine, COUNTERS);
            for (int round = 0; round < ROUNDS; round++) {
                try (var owner = new Store(engine)) {
                    var memory = Threads.sharedMemory(owner, 1, 1);
                    Threads.onThreads(THREADS, i -> {
                        try (var store = new Store(engine)) {
                            Threads.instantiate(store, module, memory)
                                    .function("locked")
                                    .call(LOCKED_ADDS);
                        }
                        return null;
                    });
                    assertEquals(THREADS * LOCKED_ADDS, memory.readI64(40), "guarded i64 counter, round " + round);
                    assertEquals(2 * THREADS * LOCKED_ADDS, memory.readI32(48), "guarded i32 counter, round " + round);
                    assertEquals(0, memory.readI32(32), "the lock is free again");
                }
            }
        }
    }
}
