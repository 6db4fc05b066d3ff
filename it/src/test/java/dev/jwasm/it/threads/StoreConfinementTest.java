package dev.jwasm.it.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.it.spec.Combination;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A store runs code on one thread at a time (see {@link Store}): a second thread calling into it
 * meanwhile gets a clear {@link IllegalStateException}, not a data race; the store may change
 * threads between calls, and a host function may call back into its own store.
 */
class StoreConfinementTest {
    static final String PROGRAM = """
            (module
              (import "host" "block" (func $block))
              (import "host" "reenter" (func $reenter (result i32)))
              (func (export "blocking") (call $block))
              (func (export "answer") (result i32) (i32.const 42))
              (func (export "via_host") (result i32) (i32.add (call $reenter) (i32.const 1))))
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void aSecondThreadIsRefusedWhileTheFirstRunsAndServedAfter(Combination combination) throws Exception {
        try (var engine = combination.engine();
                var store = new Store(engine)) {
            var inside = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            var self = new Instance[1];
            var linker = new Linker()
                    .define("host", "block", FuncType.of(List.of(), List.of()), args -> {
                        inside.countDown();
                        try {
                            assertTrue(release.await(60, TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return new long[0];
                    })
                    .define("host", "reenter", FuncType.of(List.of(), List.of(ValType.I32)), args ->
                            new long[] {self[0].function("answer").callForLong()});
            var instance = linker.instantiate(store, Threads.module(engine, PROGRAM));
            self[0] = instance;

            var first = CompletableFuture.runAsync(
                    () -> instance.function("blocking").call());
            assertTrue(inside.await(60, TimeUnit.SECONDS), "the first thread entered the store");
            var refused = assertThrows(IllegalStateException.class, () -> instance.function("answer")
                    .call());
            assertTrue(refused.getMessage().contains("one store per thread"), refused.getMessage());
            assertThrows(
                    IllegalStateException.class,
                    () -> linker.instantiate(store, Threads.module(engine, PROGRAM)),
                    "instantiating changes the store too");
            release.countDown();
            first.get(60, TimeUnit.SECONDS);

            assertEquals(42, instance.function("answer").callForLong(), "served once the first thread left");
            assertEquals(43, instance.function("via_host").callForLong(), "a host function re-enters its store");
            var elsewhere = CompletableFuture.supplyAsync(
                    () -> instance.function("answer").callForLong());
            assertEquals(42L, elsewhere.get(60, TimeUnit.SECONDS), "the store moved to another thread");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void aTrapReleasesTheStoreForOtherThreads(Combination combination) throws Exception {
        try (var engine = combination.engine();
                var store = new Store(engine)) {
            var instance = new Linker()
                    .instantiate(store, Threads.module(engine, "(module (func (export \"boom\") unreachable))"));
            assertThrows(Trap.class, () -> instance.function("boom").call());
            var other = CompletableFuture.runAsync(() ->
                    assertThrows(Trap.class, () -> instance.function("boom").call()));
            other.get(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS);
        }
    }
}
