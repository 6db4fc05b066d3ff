package dev.jwasm.spi;

import dev.jwasm.api.EngineConfig;

/** Supplies the heap that holds the GC proposal's structs and arrays. */
public interface GcHeapProvider extends Backend {
    /**
     * Creates the heap for one store, bounded by {@link EngineConfig#maxGcHeapBytes()}, whose
     * collections start from {@code roots}.
     */
    GcHeap create(EngineConfig config, GcRoots roots);
}
