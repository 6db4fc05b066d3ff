package dev.jwasm.bench.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every runtime the benchmarks name runs a program the same way and times its kernel. */
class RunnersTest {
    private static void assumeBenchPrograms() {
        Path root = null;
        try {
            root = BenchPrograms.root();
        } catch (IllegalStateException absent) {
            // reported below
        }
        Assumptions.assumeTrue(
                root != null && Files.isDirectory(root.resolve("sightglass")),
                "benchmark programs not found: expected at ../shared/bench (or -Djwasm.bench=DIR)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"chicory-interp", "chicory-compiler", "graalwasm-interp", "jwasm-interp-heap", "jwasm-jit-mmap"})
    void runsTheNoopKernelOnceAndTimesItsRegion(String runtime) {
        assumeBenchPrograms();
        var program = BenchPrograms.program("sightglass/noop");
        assertTrue(program.hasKernel());
        var clock = new KernelClock();
        var runner = Runtimes.create(runtime, clock);
        runner.prepare(program.wasm());
        assertEquals(0, runner.run(), "exit code");
        assertEquals(1, clock.regions(), "bench.start..bench.end regions");
        assertEquals(0, runner.run(), "a second run on the same runner");
        assertEquals(2, clock.regions());
    }

    @Test
    void aShootoutProgramHasNoKernel() {
        assumeBenchPrograms();
        var program = BenchPrograms.program("nestedloop");
        assertFalse(program.hasKernel());
        assertFalse(program.needsGc());
        var clock = new KernelClock();
        var runner = Runtimes.create("jwasm-jit-heap", clock);
        runner.prepare(program.wasm());
        assertEquals(0, runner.run());
        assertEquals(0, clock.regions());
    }

    @Test
    void aGcWorkloadRunsOnChicoryAndJwasmAndIsSkippedByGraalWasm(@TempDir Path dir) throws IOException {
        Path wat = dir.resolve("gc-struct.wat");
        Files.writeString(wat, """
                (module
                  (type $pair (struct (field i32) (field i32)))
                  (func (export "_start") (drop (struct.new $pair (i32.const 1) (i32.const 2)))))
                """);
        var program = BenchPrograms.program(wat.toString());
        assertTrue(program.needsGc());
        for (String runtime : new String[] {"chicory-interp", "chicory-compiler", "jwasm-interp-heap"}) {
            var runner = Runtimes.create(runtime, new KernelClock());
            assertNull(runner.cannotRun(program), runtime);
            runner.prepare(program.wasm());
            assertEquals(0, runner.run(), runtime + " ran the struct workload");
        }
        assertNotNull(Runtimes.create("graalwasm-interp", new KernelClock()).cannotRun(program));
    }

    @Test
    void graalWasmWithoutTheGraalCompilerRefusesToPassForCompiled() {
        // Surefire puts Truffle on the class path, where only its fallback (interpreting) runtime runs.
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, () -> Runtimes.create("graalwasm-jit", new KernelClock()));
        assertTrue(e.getMessage().contains("DefaultTruffleRuntime"), e.getMessage());
    }

    @Test
    void anUnknownRuntimeIsAClearError() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Runtimes.create("wasmtime", new KernelClock()));
        assertTrue(e.getMessage().contains("unknown runtime wasmtime"), e.getMessage());
    }

    @Test
    void programNamesMapToTheirFiles() {
        System.setProperty("jwasm.bench", "/data/bench");
        try {
            assertEquals(Path.of("/data/bench/shootout/keccak.wasm"), BenchPrograms.file("keccak"));
            assertEquals(
                    Path.of("/data/bench/sightglass/richards/benchmark.wasm"),
                    BenchPrograms.file("sightglass/richards"));
            assertEquals(Path.of("/data/bench/gc/binary-trees.wat"), BenchPrograms.file("gc/binary-trees.wat"));
            assertEquals(Path.of("/elsewhere/x.wat"), BenchPrograms.file("/elsewhere/x.wat"));
        } finally {
            System.clearProperty("jwasm.bench");
        }
    }
}
