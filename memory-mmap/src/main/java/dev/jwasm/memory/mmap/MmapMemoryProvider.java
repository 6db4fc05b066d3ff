package dev.jwasm.memory.mmap;

import dev.jwasm.api.ConfigurationException;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;

/** Memories in reserved, guard-paged address space; preferred over heap where the platform allows. */
public final class MmapMemoryProvider implements MemoryProvider {
    public static final String NAME = "mmap";

    /** Instantiated by {@link java.util.ServiceLoader}. */
    public MmapMemoryProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public boolean isSupported() {
        return false;
    }

    @Override
    public String unsupportedReason() {
        return "the mmap memory backend is not implemented yet";
    }

    @Override
    public LinearMemory create(MemoryType type, MemoryBudget budget) {
        throw new ConfigurationException(unsupportedReason());
    }
}
