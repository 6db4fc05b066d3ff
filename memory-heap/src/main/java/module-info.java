/** Linear memory in a Java {@code byte[]} with explicit bounds checks; works on every JVM. */
module dev.jwasm.memory.heap {
    requires transitive dev.jwasm.api;

    exports dev.jwasm.memory.heap;

    provides dev.jwasm.spi.MemoryProvider with
            dev.jwasm.memory.heap.HeapMemoryProvider;
}
