package dev.jwasm.bench.gc;

import dev.jwasm.spi.GcHeapStats;

/**
 * An engine the GC benchmarks run on: it compiles a workload once ({@link #prepare}) and makes a
 * fresh instance (a fresh store, so a fresh GC heap) per JMH iteration.
 */
public sealed interface GcRuntime permits JwasmGcRuntime, ChicoryGcRuntime {
    /** One instance of the prepared module; its {@code run} export is called per operation. */
    interface Run extends AutoCloseable {
        long run(long... args);

        /** The instance's own GC heap's counters, or null where the JVM's heap holds the objects. */
        GcHeapStats heapStats();

        @Override
        void close();
    }

    void prepare(byte[] wasm);

    Run instantiate();

    /** {@code jwasm-interp}, {@code jwasm-jit}, {@code chicory-interp} or {@code chicory-compiler}. */
    static GcRuntime create(String name) {
        return switch (name) {
            case "jwasm-interp" -> new JwasmGcRuntime("interp");
            case "jwasm-jit" -> new JwasmGcRuntime("jit");
            case "chicory-interp" -> new ChicoryGcRuntime(false);
            case "chicory-compiler" -> new ChicoryGcRuntime(true);
            default ->
                throw new IllegalArgumentException("unknown GC benchmark runtime " + name
                        + " (jwasm-interp, jwasm-jit, chicory-interp, chicory-compiler)");
        };
    }
}
