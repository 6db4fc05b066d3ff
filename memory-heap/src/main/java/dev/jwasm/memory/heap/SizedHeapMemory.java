package dev.jwasm.memory.heap;

import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The size bookkeeping this backend's memories share: the budget, the page limit, and the current
 * byte size, published with release/acquire so that {@code memory.size} on any thread sees every
 * completed {@code memory.grow}. The accessors and their bounds checks stay in the final subclasses
 * (they read {@link #size} plainly, under the lock or on the owning thread), so nothing here is on
 * the load/store path.
 */
abstract sealed class SizedHeapMemory extends LinearMemory
        permits HeapLinearMemory, SegmentLinearMemory, SharedHeapLinearMemory {
    private static final VarHandle SIZE;

    static {
        try {
            SIZE = MethodHandles.lookup().findVarHandle(SizedHeapMemory.class, "size", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final MemoryBudget budget;
    final int pageSizeLog2;
    /** Pages this memory can ever have here: the type's maximum capped by the storage limit. */
    final long maxPages;
    /** Written with release in {@link #grow} and {@link #close}; the bounds checks read it plainly. */
    long size;

    private boolean closed;

    SizedHeapMemory(MemoryType type, MemoryBudget budget, long maxPages) {
        super(type);
        this.budget = budget;
        this.pageSizeLog2 = type.pageSizeLog2();
        this.maxPages = maxPages;
        this.size = type.limits().min() << pageSizeLog2;
    }

    @Override
    public final long pages() {
        return (long) SIZE.getAcquire(this) >> pageSizeLog2;
    }

    @Override
    public final long byteSize() {
        return (long) SIZE.getAcquire(this);
    }

    @Override
    public final boolean isClosed() {
        return closed;
    }

    @Override
    public final synchronized long grow(long deltaPages) {
        long oldPages = size >> pageSizeLog2;
        long newSize = reserveGrowth(size, deltaPages, maxPages, budget);
        if (newSize < 0) {
            return -1;
        }
        if (!makeRoom(newSize)) {
            budget.release(newSize - size);
            return -1;
        }
        SIZE.setRelease(this, newSize); // memory.size on another thread sees the grow
        return oldPages;
    }

    /**
     * Makes the storage hold {@code newSize} bytes, zeroed beyond the current size; false if it
     * cannot. Called under the lock, with the growth already reserved in the budget. The default
     * suits storage allocated and zeroed at its whole capacity up front: the new pages are zero
     * already.
     */
    boolean makeRoom(long newSize) {
        return true;
    }

    @Override
    public final synchronized void close() {
        if (!closed) {
            closed = true;
            budget.release(size);
            SIZE.setRelease(this, 0L);
            dropStorage();
        }
    }

    /** Lets go of the storage once closed (size 0, so no access reaches it any more). */
    void dropStorage() {}
}
