package dev.jwasm.bench.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every engine GcBenchmark names runs both workloads to the result the benchmark checks. */
class GcRuntimesTest {
    @Test
    void expectedResultsFollowTheWorkloadsArithmetic() {
        // binary-trees 10: stretch 2^12-1, depths 4..10 step 2 with 2^(14-d) trees of 2^(d+1)-1
        // nodes (1024*31 + 256*127 + 64*511 + 16*2047), long-lived 2^11-1.
        assertEquals(4095 + 31744 + 32512 + 32704 + 32752 + 2047, GcWorkload.BINARY_TREES.expected(10));
        // list-map 4 rounds of 1000: 4 * 2 * (0 + ... + 999).
        assertEquals(4 * 2 * 499_500L, GcWorkload.LIST_MAP.expected(4, 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jwasm-interp", "jwasm-jit", "chicory-interp", "chicory-compiler"})
    void runsBothWorkloads(String name) {
        for (var workload : GcWorkload.values()) {
            long[] args = workload == GcWorkload.BINARY_TREES ? new long[] {10} : new long[] {4, 50_000};
            var runtime = GcRuntime.create(name);
            runtime.prepare(workload.wasm());
            try (var run = runtime.instantiate()) {
                assertEquals(workload.expected(args), run.run(args), name + " " + workload);
                if (name.startsWith("jwasm")) {
                    // 4 rounds of 100,000 cells of 3 slots pass the arena's collection threshold.
                    var stats = run.heapStats();
                    assertNotNull(stats);
                    if (workload == GcWorkload.LIST_MAP) {
                        assertTrue(stats.collections() > 0, "collected: " + stats);
                    }
                } else {
                    assertNull(run.heapStats(), "Chicory's objects are JVM objects");
                }
            }
        }
    }

    @Test
    void anUnknownRuntimeIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> GcRuntime.create("wasmtime"));
        assertTrue(e.getMessage().contains("unknown GC benchmark runtime wasmtime"), e.getMessage());
    }
}
