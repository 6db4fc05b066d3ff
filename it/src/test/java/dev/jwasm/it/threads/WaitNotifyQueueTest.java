package dev.jwasm.it.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.it.spec.Combination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bounded queue written in Wasm, shared by producer and consumer threads: a cmpxchg lock guards
 * it, and a full or empty queue makes its caller sleep in {@code memory.atomic.wait32} (with a
 * timeout, so a missed notify would only slow it down) until a {@code memory.atomic.notify} of the
 * other side. Every item must come out exactly once. Also: a wait times out after its timeout, and
 * the store's interrupt and deadline end a wait that has no timeout.
 */
class WaitNotifyQueueTest {
    private static final int PRODUCERS = 2;
    private static final int CONSUMERS = 2;
    private static final int ITEMS = 1500; // per producer

    /**
     * 0 lock, 4 head (items taken), 8 tail (items put), 12 timeouts seen; 64.. eight i32 slots.
     * {@code put} waits on head while full, {@code take} on tail while empty; each wait compares
     * against the value read under the lock, so it returns at once if the other side moved since.
     */
    static final String QUEUE = """
            (module
              (import "env" "memory" (memory 1 1 shared))
              (func $lock
                (loop $spin
                  (br_if $spin (i32.atomic.rmw.cmpxchg (i32.const 0) (i32.const 0) (i32.const 1)))))
              (func $unlock (i32.atomic.store (i32.const 0) (i32.const 0)))
              (func $slot (param $i i32) (result i32)
                (i32.add (i32.const 64) (i32.shl (i32.and (local.get $i) (i32.const 7)) (i32.const 2))))
              (func $count_timeout (param $r i32)
                (if (i32.eq (local.get $r) (i32.const 2))
                  (then (drop (i32.atomic.rmw.add (i32.const 12) (i32.const 1))))))
              (func (export "put") (param $v i32)
                (local $head i32) (local $tail i32)
                (loop $retry
                  (call $lock)
                  (local.set $head (i32.atomic.load (i32.const 4)))
                  (local.set $tail (i32.atomic.load (i32.const 8)))
                  (if (i32.lt_u (i32.sub (local.get $tail) (local.get $head)) (i32.const 8))
                    (then
                      (i32.store (call $slot (local.get $tail)) (local.get $v))
                      (i32.atomic.store (i32.const 8) (i32.add (local.get $tail) (i32.const 1)))
                      (call $unlock)
                      (drop (memory.atomic.notify (i32.const 8) (i32.const -1)))
                      (return)))
                  (call $unlock)
                  (call $count_timeout
                    (memory.atomic.wait32 (i32.const 4) (local.get $head) (i64.const 20000000)))
                  (br $retry)))
              (func (export "take") (result i32)
                (local $head i32) (local $tail i32) (local $v i32)
                (loop $retry
                  (call $lock)
                  (local.set $head (i32.atomic.load (i32.const 4)))
                  (local.set $tail (i32.atomic.load (i32.const 8)))
                  (if (i32.ne (local.get $tail) (local.get $head))
                    (then
                      (local.set $v (i32.load (call $slot (local.get $head))))
                      (i32.atomic.store (i32.const 4) (i32.add (local.get $head) (i32.const 1)))
                      (call $unlock)
                      (drop (memory.atomic.notify (i32.const 4) (i32.const -1)))
                      (return (local.get $v))))
                  (call $unlock)
                  (call $count_timeout
                    (memory.atomic.wait32 (i32.const 8) (local.get $tail) (i64.const 20000000)))
                  (br $retry))
                (unreachable))
              (func (export "wait_tail") (param $expected i32) (param $timeout i64) (result i32)
                (memory.atomic.wait32 (i32.const 8) (local.get $expected) (local.get $timeout))))
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void everyItemComesOutExactlyOnce(Combination combination) throws InterruptedException {
        try (var engine = combination.engine();
                var owner = new Store(engine)) {
            var module = Threads.module(engine, QUEUE);
            var memory = Threads.sharedMemory(owner, 1, 1);
            int total = PRODUCERS * ITEMS;
            List<List<Integer>> taken = Threads.onThreads(PRODUCERS + CONSUMERS, i -> {
                try (var store = new Store(engine)) {
                    var instance = Threads.instantiate(store, module, memory);
                    var got = new ArrayList<Integer>();
                    if (i < PRODUCERS) {
                        var put = instance.function("put");
                        for (int item = 0; item < ITEMS; item++) {
                            put.call(i * ITEMS + item + 1);
                        }
                    } else {
                        var take = instance.function("take");
                        // The consumers split the items between them; each takes its share.
                        for (int n = 0; n < total / CONSUMERS; n++) {
                            got.add((int) take.callForLong());
                        }
                    }
                    return got;
                }
            });
            var all = taken.stream().flatMap(List::stream).sorted().toList();
            assertEquals(IntStream.rangeClosed(1, total).boxed().toList(), all, "each item once, none lost");
            assertEquals(total, memory.readI32(4), "head");
            assertEquals(total, memory.readI32(8), "tail");
            // Each consumer sees one producer's items in the order they were put.
            for (var got : taken.subList(PRODUCERS, taken.size())) {
                for (int p = 0; p < PRODUCERS; p++) {
                    int from = p * ITEMS;
                    var mine = got.stream()
                            .filter(v -> v > from && v <= from + ITEMS)
                            .toList();
                    assertEquals(mine.stream().sorted().toList(), mine, "FIFO per producer");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void aWaitReturnsTwoAfterItsTimeout(Combination combination) {
        try (var engine = combination.engine();
                var store = new Store(engine)) {
            var memory = Threads.sharedMemory(store, 1, 1);
            var waitTail = Threads.instantiate(store, Threads.module(engine, QUEUE), memory)
                    .function("wait_tail");
            long start = System.nanoTime();
            assertEquals(2, waitTail.callForLong(0, 30_000_000L), "timed out");
            assertTrue(System.nanoTime() - start >= 30_000_000L, "not before its 30 ms");
            assertEquals(1, waitTail.callForLong(5, -1L), "a value that differs returns 1 at once");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void theStoresInterruptEndsAWaitWithoutTimeout(Combination combination) throws InterruptedException {
        try (var engine = combination.engine();
                var store = new Store(engine)) {
            var memory = Threads.sharedMemory(store, 1, 1);
            var waitTail = Threads.instantiate(store, Threads.module(engine, QUEUE), memory)
                    .function("wait_tail");
            var outcome = new AtomicReference<Throwable>();
            var waiter = Thread.ofPlatform().start(() -> {
                try {
                    waitTail.call(0, -1L);
                } catch (Throwable t) {
                    outcome.set(t);
                }
            });
            // Parked in the wait (it parks only once queued): WAITING or TIMED_WAITING.
            while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING) {
                assertTrue(waiter.isAlive(), "the wait ended by itself: " + outcome.get());
                Thread.sleep(1);
            }
            store.interrupt();
            assertTrue(waiter.join(Duration.ofSeconds(10)), "the interrupt woke the waiter");
            var trap = (Trap) outcome.get();
            assertEquals(TrapKind.INTERRUPTED, trap.kind());
            store.resume();
            assertEquals(2, waitTail.callForLong(0, 1_000_000L), "the store waits normally again");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void aDeadlineEndsAWaitWithoutTimeout(Combination combination) {
        try (var engine = combination.engine();
                var store = new Store(engine)) {
            var memory = Threads.sharedMemory(store, 1, 1);
            var waitTail = Threads.instantiate(store, Threads.module(engine, QUEUE), memory)
                    .function("wait_tail");
            store.setTimeout(Duration.ofMillis(50));
            var trap = assertThrows(Trap.class, () -> waitTail.call(0, -1L));
            assertEquals(TrapKind.DEADLINE_EXCEEDED, trap.kind());
        }
    }
}
