/**
 * Linear memory in a Java {@code byte[]} with explicit bounds checks; works on every JVM. Also the
 * fixed-buffer memories an embedder places in its own {@code byte[]} or {@code MemorySegment}
 * ({@code HeapMemoryProvider.fixed}).
 */
module dev.jwasm.memory.heap {
    requires transitive dev.jwasm.api;

    exports dev.jwasm.memory.heap;

    provides dev.jwasm.spi.MemoryProvider with
            dev.jwasm.memory.heap.HeapMemoryProvider;
}
