package dev.jwasm.it.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Store;
import dev.jwasm.it.spec.Combination;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code memory.grow} of a shared memory on one thread is seen by the others: by a thread told
 * through an atomic flag and {@code memory.atomic.notify}, which then uses the new page, and by a
 * thread that only watches {@code memory.size} in a loop, with no other synchronization.
 */
class SharedGrowTest {
    static final String GROWER = """
            (module
              (import "env" "memory" (memory 1 4 shared))
              (func (export "grow") (result i32)
                (local $old i32)
                (local.set $old (memory.grow (i32.const 1)))
                ;; Tell the others the new size in pages, then wake them.
                (i32.atomic.store (i32.const 0) (memory.size))
                (drop (memory.atomic.notify (i32.const 0) (i32.const -1)))
                (local.get $old))
              ;; Waits for the flag, then writes and reads back the first word of the newest page.
              (func (export "await_grow") (param $value i32) (result i32)
                (local $pages i32) (local $addr i32)
                (loop $wait
                  (if (i32.eqz (local.tee $pages (i32.atomic.load (i32.const 0))))
                    (then
                      (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
                      (br $wait))))
                (local.set $addr (i32.mul (i32.sub (memory.size) (i32.const 1)) (i32.const 65536)))
                (i32.store offset=8 (local.get $addr) (local.get $value))
                (i32.add (i32.mul (memory.size) (i32.const 1000)) (i32.load offset=8 (local.get $addr))))
              ;; Spins on memory.size alone until it passes 1 page, then returns it.
              (func (export "watch_size") (result i32)
                (loop $spin
                  (br_if $spin (i32.le_u (memory.size) (i32.const 1))))
                (memory.size)))
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void threadsToldOfAGrowUseTheNewPage(Combination combination) throws InterruptedException {
        try (var engine = combination.engine();
                var owner = new Store(engine)) {
            var module = Threads.module(engine, GROWER);
            var memory = Threads.sharedMemory(owner, 1, 4);
            List<Long> results = Threads.onThreads(4, i -> {
                try (var store = new Store(engine)) {
                    store.setTimeout(Threads.STEP_TIMEOUT); // a thread that never sees it fails, not hangs
                    var instance = Threads.instantiate(store, module, memory);
                    return i == 0
                            ? instance.function("grow").callForLong()
                            : instance.function("await_grow").callForLong(7 + i);
                }
            });
            assertEquals(1L, results.get(0), "the grower saw the old size");
            assertEquals(2, memory.pages());
            for (int i = 1; i < 4; i++) {
                // Each waiter saw 2 pages and read back a value it wrote itself or a racing
                // neighbour wrote into the same new word: one of the values 8..10.
                long r = results.get(i);
                assertEquals(2000, r / 1000 * 1000, "thread " + i + " saw the grown size: " + r);
                long value = r % 1000;
                assertTrue(value >= 8 && value <= 10, "thread " + i + " read its page: " + r);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void aThreadSpinningOnMemorySizeSeesTheGrow(Combination combination) throws InterruptedException {
        try (var engine = combination.engine();
                var owner = new Store(engine)) {
            var module = Threads.module(engine, GROWER);
            var memory = Threads.sharedMemory(owner, 1, 4);
            List<Long> results = Threads.onThreads(2, i -> {
                try (var store = new Store(engine)) {
                    store.setTimeout(Threads.STEP_TIMEOUT);
                    var instance = Threads.instantiate(store, module, memory);
                    if (i == 0) {
                        try {
                            Thread.sleep(Duration.ofMillis(50)); // let the watcher spin (and compile) first
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return instance.function("grow").callForLong();
                    }
                    return instance.function("watch_size").callForLong();
                }
            });
            assertEquals(List.of(1L, 2L), results);
        }
    }
}
