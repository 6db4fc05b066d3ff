package dev.jwasm.it.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.LinkException;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.it.spec.Combination;
import dev.jwasm.wasi.WasiConfig;
import dev.jwasm.wasi.WasiExitException;
import dev.jwasm.wasi.WasiImports;
import dev.jwasm.wasi.WasiPreview1;
import dev.jwasm.wasi.WasiThreads;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * wasi-threads through the embedding API, on every executor and memory backend: threads spawned
 * with {@code thread-spawn} run new instances over the program's shared memory; the program ends
 * with its main call, or earlier with a thread's {@code proc_exit} or trap, for every thread.
 */
class WasiThreadsTest {
    /** Runs {@code wat}'s {@code _start} with threads enabled; returns what it printed. */
    private static String run(Combination combination, String wat) {
        var out = new ByteArrayOutputStream();
        var config = WasiConfig.builder().stdout(out).threads(true).build();
        try (var engine = combination.engine();
                var store = new Store(engine);
                var wasi = new WasiPreview1(config)) {
            var instance = WasiImports.instantiate(new Linker(), store, Threads.module(engine, wat), wasi);
            WasiThreads threads = wasi.threads().orElseThrow();
            threads.callMain(instance.function("_start"));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void spawnedThreadsAddUpAndAreJoinedThroughWaitAndNotify(Combination combination) {
        for (int run = 0; run < 3; run++) {
            assertEquals(WasiThreadsPrograms.SPAWN_JOIN_OUTPUT, run(combination, WasiThreadsPrograms.SPAWN_JOIN));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void aThreadsProcExitEndsTheProgramWithItsCode(Combination combination) {
        var exit = assertThrows(WasiExitException.class, () -> run(combination, WasiThreadsPrograms.THREAD_EXITS));
        assertEquals(7, exit.exitCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void aThreadsTrapEndsTheProgramWithThatTrap(Combination combination) {
        var trap = assertThrows(Trap.class, () -> run(combination, WasiThreadsPrograms.THREAD_TRAPS));
        assertEquals(TrapKind.UNREACHABLE, trap.kind(), "the thread's trap, not the main thread's interruption");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void returningFromStartEndsTheProgramAndStopsItsThreads(Combination combination) {
        var config = WasiConfig.builder().threads(true).build();
        try (var engine = combination.engine();
                var store = new Store(engine);
                var wasi = new WasiPreview1(config)) {
            var module = Threads.module(engine, WasiThreadsPrograms.MAIN_RETURNS);
            var instance = WasiImports.instantiate(new Linker(), store, module, wasi);
            var threads = wasi.threads().orElseThrow();
            threads.callMain(instance.function("_start"));
            long give = System.nanoTime() + Threads.STEP_TIMEOUT.toNanos();
            while (threads.liveThreads() > 0) {
                assertTrue(System.nanoTime() < give, "the spinning thread was never stopped");
                Thread.onSpinWait();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void aThreadSleepingInPollOneoffHoldsUpNeitherOthersNorTheEnd(Combination combination) {
        long start = System.nanoTime();
        assertEquals("ok\n", run(combination, WasiThreadsPrograms.SLEEPER));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(seconds < 15, "took " + seconds + " s of the sleeper's 30");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void withoutThreadsEnabledThreadSpawnIsAnUnknownImport(Combination combination) {
        try (var engine = combination.engine();
                var store = new Store(engine);
                var wasi = new WasiPreview1(WasiConfig.builder().build())) {
            var module = Threads.module(engine, WasiThreadsPrograms.SPAWN_JOIN);
            var error =
                    assertThrows(LinkException.class, () -> WasiImports.instantiate(new Linker(), store, module, wasi));
            assertTrue(error.getMessage().contains("thread-spawn"), error.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.jwasm.it.threads.Threads#combinations")
    void aProgramWithoutASharedMemoryImportIsRefused(Combination combination) {
        try (var engine = combination.engine();
                var store = new Store(engine);
                var wasi = new WasiPreview1(WasiConfig.builder().threads(true).build())) {
            var module = Threads.module(engine, """
                    (module
                      (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
                      (memory (export "memory") 1)
                      (func (export "wasi_thread_start") (param i32 i32))
                      (func (export "_start")))
                    """);
            var error =
                    assertThrows(LinkException.class, () -> WasiImports.instantiate(new Linker(), store, module, wasi));
            assertTrue(error.getMessage().contains("shared memory"), error.getMessage());
        }
    }
}
