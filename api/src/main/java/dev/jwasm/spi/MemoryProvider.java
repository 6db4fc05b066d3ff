package dev.jwasm.spi;

import dev.jwasm.api.model.MemoryType;

/**
 * Creates linear memories. Implement this (and {@code provides} it in {@code module-info}) to
 * plug in your own allocator.
 */
public interface MemoryProvider extends Backend {
    /**
     * Creates a memory of {@code type} with its minimum size committed and zeroed.
     *
     * @param budget the engine-wide accounting every committed byte must be reserved from
     * @throws dev.jwasm.api.JwasmException if the memory cannot be created within the budget
     */
    LinearMemory create(MemoryType type, MemoryBudget budget);
}
