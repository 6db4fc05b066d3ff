package dev.jwasm.gc.arena;

import dev.jwasm.api.EngineConfig;
import dev.jwasm.spi.GcHeap;
import dev.jwasm.spi.GcHeapProvider;
import dev.jwasm.spi.GcRoots;

/** The arena GC heap, the only GC backend jwasm ships. */
public final class ArenaGcHeapProvider implements GcHeapProvider {
    public static final String NAME = "arena";

    /** Instantiated by {@link java.util.ServiceLoader}. */
    public ArenaGcHeapProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public GcHeap create(EngineConfig config, GcRoots roots) {
        return new ArenaHeap(config.maxGcHeapBytes(), roots);
    }
}
