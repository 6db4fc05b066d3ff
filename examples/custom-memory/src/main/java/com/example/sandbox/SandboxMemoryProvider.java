package com.example.sandbox;

import dev.jwasm.api.model.MemoryType;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory backend "sandbox": every linear memory lives in a buffer of its own of {@link #BYTES}
 * bytes, allocated up front, so a plugin's {@code memory.grow} fails (returns -1) past it whatever
 * the module declares. It reuses jwasm's checked heap memory over a fixed buffer.
 */
public final class SandboxMemoryProvider implements MemoryProvider {
    /** The bytes each memory may ever use: 16 Wasm pages. */
    public static final int BYTES = 16 * 65536;

    private static final AtomicInteger CREATED = new AtomicInteger();

    /** Instantiated by {@link java.util.ServiceLoader}. */
    public SandboxMemoryProvider() {}

    @Override
    public String name() {
        return "sandbox";
    }

    /** Below the built-in backends: chosen only when asked for by name. */
    @Override
    public int priority() {
        return -100;
    }

    @Override
    public LinearMemory create(MemoryType type, MemoryBudget budget) {
        CREATED.incrementAndGet();
        return HeapMemoryProvider.fixed(new byte[BYTES]).create(type, budget);
    }

    /** How many memories this provider has made in this JVM. */
    public static int created() {
        return CREATED.get();
    }
}
