package dev.jwasm.bench.gc;

import dev.jwasm.wat.Wat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The GC benchmarks' workloads: WAT modules under {@code dev/jwasm/bench/gc/} exporting {@code
 * run}, and the result {@code run} must return, from the workload's arithmetic (so a wrong engine
 * fails the benchmark instead of reporting a fast time).
 */
public enum GcWorkload {
    /** {@code (run maxDepth)}: the benchmarks game's binary-trees, ~2^(max+5) nodes per depth step. */
    BINARY_TREES("binary-trees.wat"),
    /** {@code (run rounds n)}: per round cons n cells, map them to n new cells, sum. */
    LIST_MAP("list-map.wat");

    private final String resource;

    GcWorkload(String resource) {
        this.resource = resource;
    }

    /** The module's binary, assembled from its text by jwasm's text format. */
    public byte[] wasm() {
        String path = "/dev/jwasm/bench/gc/" + resource;
        try (InputStream in = GcWorkload.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("benchmark resource missing: " + path);
            }
            return Wat.toBinary(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** What {@code run(args)} returns. */
    public long expected(long... args) {
        return switch (this) {
            case BINARY_TREES -> binaryTrees((int) Math.max(6, args[0]));
            // Each round sums the doubles of 0..n-1: n(n-1).
            case LIST_MAP -> args[0] * args[1] * (args[1] - 1);
        };
    }

    /** The sum of every check: a complete tree of depth d has 2^(d+1) - 1 nodes. */
    private static long binaryTrees(int max) {
        long sum = (1L << (max + 2)) - 1; // the stretch tree, depth max + 1
        for (int d = 4; d <= max; d += 2) {
            sum += (1L << (max - d + 4)) * ((1L << (d + 1)) - 1);
        }
        return sum + (1L << (max + 1)) - 1; // the long-lived tree
    }
}
