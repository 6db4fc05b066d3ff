package dev.jwasm.bench.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.wat.Wat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The GC benchmark programs run on jwasm's interpreter and compute what their definitions say:
 * the expected checksums come from the benchmarks' arithmetic, not from a run.
 */
class GcProgramsTest {
    private static String source(String name) throws IOException {
        try (InputStream in = GcProgramsTest.class.getResourceAsStream("/dev/jwasm/bench/gc/" + name)) {
            if (in == null) {
                throw new IOException("benchmark resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long run(String file, long... args) throws IOException {
        try (var engine = Engine.builder()
                        .executor("interp")
                        .maxGcHeapBytes(64L << 20)
                        .build();
                var store = new Store(engine)) {
            var instance = new Linker().instantiate(store, engine.decode(Wat.toBinary(source(file))));
            long result = instance.function("run").call(args)[0];
            assertTrue(Internals.state(store).gcHeap().collections() > 0, "the run collected garbage");
            return result;
        }
    }

    /** A complete tree of depth d has 2^(d+1) - 1 nodes: the sum of the program's checks. */
    private static long binaryTreesChecksum(int max) {
        long sum = (1L << (max + 2)) - 1; // the stretch tree, depth max + 1
        for (int d = 4; d <= max; d += 2) {
            long iterations = 1L << (max - d + 4);
            sum += iterations * ((1L << (d + 1)) - 1);
        }
        return sum + (1L << (max + 1)) - 1; // the long-lived tree
    }

    @Test
    void binaryTreesCountsEveryNode() throws IOException {
        assertEquals(binaryTreesChecksum(12), run("binary-trees.wat", 12));
    }

    @Test
    void listMapSumsTheDoubledRanges() throws IOException {
        // Each round: 2 * (0 + 1 + ... + n-1) = n(n-1).
        long rounds = 40;
        long n = 20_000;
        assertEquals(rounds * n * (n - 1), run("list-map.wat", rounds, n));
    }
}
