package dev.jwasm.memory.heap;

import dev.jwasm.api.ConfigurationException;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;

/** Memories in Java arrays: supported everywhere, the fallback when mmap is not. */
public final class HeapMemoryProvider implements MemoryProvider {
    public static final String NAME = "heap";

    /** Instantiated by {@link java.util.ServiceLoader}. */
    public HeapMemoryProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public LinearMemory create(MemoryType type, MemoryBudget budget) {
        throw new ConfigurationException("the heap memory backend is not implemented yet");
    }
}
