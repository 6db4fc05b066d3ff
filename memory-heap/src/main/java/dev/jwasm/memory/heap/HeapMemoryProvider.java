package dev.jwasm.memory.heap;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Memories in Java arrays: supported everywhere, the fallback when mmap is not. At most
 * {@link HeapLinearMemory#MAX_BYTES} (just under 2 GiB) per memory; growth past it fails.
 */
public final class HeapMemoryProvider implements MemoryProvider {
    public static final String NAME = "heap";

    private final byte[] fixedBuffer;
    private final AtomicBoolean fixedBufferTaken = new AtomicBoolean();

    /** Instantiated by {@link java.util.ServiceLoader}. */
    public HeapMemoryProvider() {
        this.fixedBuffer = null;
    }

    private HeapMemoryProvider(byte[] fixedBuffer) {
        this.fixedBuffer = fixedBuffer;
    }

    /**
     * A provider whose one memory lives in {@code buffer} (its length rounded down to a multiple
     * of 8 bytes): the embedder sees every byte the module writes, and {@code memory.grow} returns
     * -1 once the next pages would not fit. The buffer is zeroed when the memory is created; a
     * second memory from the same provider is an error.
     */
    public static HeapMemoryProvider fixed(byte[] buffer) {
        return new HeapMemoryProvider(Objects.requireNonNull(buffer, "buffer"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public HeapLinearMemory create(MemoryType type, MemoryBudget budget) {
        if (fixedBuffer == null) {
            return HeapLinearMemory.create(type, budget);
        }
        if (!fixedBufferTaken.compareAndSet(false, true)) {
            throw new JwasmException("this fixed buffer already holds a memory; a fixed-buffer provider creates one");
        }
        try {
            return HeapLinearMemory.fixed(type, budget, fixedBuffer);
        } catch (RuntimeException e) {
            fixedBufferTaken.set(false);
            throw e;
        }
    }
}
