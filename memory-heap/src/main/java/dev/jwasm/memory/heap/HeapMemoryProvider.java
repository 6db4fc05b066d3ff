package dev.jwasm.memory.heap;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Memories in Java arrays: supported everywhere, the fallback when mmap is not. At most
 * {@link HeapLinearMemory#MAX_BYTES} (just under 2 GiB) per memory; growth past it fails.
 */
public final class HeapMemoryProvider implements MemoryProvider {
    public static final String NAME = "heap";

    private final byte[] fixedBuffer;
    private final MemorySegment fixedSegment;
    private final AtomicBoolean fixedBufferTaken = new AtomicBoolean();

    /** Instantiated by {@link java.util.ServiceLoader}. */
    public HeapMemoryProvider() {
        this(null, null);
    }

    private HeapMemoryProvider(byte[] fixedBuffer, MemorySegment fixedSegment) {
        this.fixedBuffer = fixedBuffer;
        this.fixedSegment = fixedSegment;
    }

    /**
     * A provider whose one memory lives in {@code buffer} (its length rounded down to a multiple
     * of 8 bytes): the embedder sees every byte the module writes, and {@code memory.grow} returns
     * -1 once the next pages would not fit. The buffer is zeroed when the memory is created; a
     * second memory from the same provider is an error.
     */
    public static HeapMemoryProvider fixed(byte[] buffer) {
        return new HeapMemoryProvider(Objects.requireNonNull(buffer, "buffer"), null);
    }

    /**
     * Like {@link #fixed(byte[])}, for a writable segment the embedder owns (native or heap); its
     * memories are {@link SegmentLinearMemory}. The embedder keeps the segment alive while the
     * memory is used: once its arena is closed, accesses fail with a {@link JwasmException}.
     */
    public static HeapMemoryProvider fixed(MemorySegment buffer) {
        Objects.requireNonNull(buffer, "buffer");
        if (buffer.isReadOnly()) {
            throw new IllegalArgumentException("a fixed memory buffer must be writable");
        }
        return new HeapMemoryProvider(null, buffer);
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
    public LinearMemory create(MemoryType type, MemoryBudget budget) {
        if (fixedBuffer == null && fixedSegment == null) {
            // A shared memory needs lock-free atomics and a storage that never moves.
            return type.shared() ? SharedHeapLinearMemory.create(type, budget) : HeapLinearMemory.create(type, budget);
        }
        if (!fixedBufferTaken.compareAndSet(false, true)) {
            throw new JwasmException("this fixed buffer already holds a memory; a fixed-buffer provider creates one");
        }
        try {
            return fixedBuffer != null
                    ? HeapLinearMemory.fixed(type, budget, fixedBuffer)
                    : SegmentLinearMemory.fixed(type, budget, fixedSegment);
        } catch (RuntimeException e) {
            fixedBufferTaken.set(false);
            throw e;
        }
    }
}
