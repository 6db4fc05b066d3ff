package dev.jwasm.memory.heap;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A fixed-buffer memory in a {@link MemorySegment} the embedder owns (native or heap). It never
 * grows past the segment's size rounded down to a multiple of 8. Every access is checked against
 * the memory's current size first; if the embedder closes the segment's arena, later accesses fail
 * with a {@link JwasmException} instead of a raw {@link IllegalStateException}. Atomics take the
 * memory's lock, since a caller's segment need not be aligned.
 */
public final class SegmentLinearMemory extends SizedHeapMemory {
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment storage;

    private SegmentLinearMemory(MemoryType type, MemoryBudget budget, MemorySegment storage, long maxPages) {
        super(type, budget, maxPages);
        this.storage = storage;
    }

    static SegmentLinearMemory fixed(MemoryType type, MemoryBudget budget, MemorySegment buffer) {
        long usable = buffer.byteSize() & ~7L;
        long maxPages = Math.min(type.maxPagesAllowed(), usable >> type.pageSizeLog2());
        long min = type.limits().min();
        if (min > maxPages) {
            throw new JwasmException("memory of " + min + " pages of " + type.pageSize()
                    + " bytes does not fit the fixed buffer of " + buffer.byteSize() + " bytes");
        }
        long initialBytes = min << type.pageSizeLog2();
        if (!budget.tryReserve(0, initialBytes)) {
            throw new JwasmException("memory of " + initialBytes + " bytes exceeds the engine's memory limit of "
                    + budget.limit() + " bytes or was vetoed");
        }
        var storage = buffer.asSlice(0, usable);
        try {
            storage.fill((byte) 0); // the memory starts zeroed (spec 4.5.3.8), and so do later pages
        } catch (IllegalStateException e) {
            budget.release(initialBytes);
            throw new JwasmException("the fixed buffer is not accessible: " + e.getMessage(), e);
        }
        return new SegmentLinearMemory(type, budget, storage, maxPages);
    }

    private long check(long addr, long width) {
        if (addr < 0 || addr > size - width) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
        }
        return addr;
    }

    private static JwasmException gone(IllegalStateException e) {
        return new JwasmException("the fixed buffer behind this memory was closed by its owner", e);
    }

    @Override
    public byte load8(long addr) {
        try {
            return storage.get(ValueLayout.JAVA_BYTE, check(addr, 1));
        } catch (IllegalStateException e) {
            throw gone(e);
        }
    }

    @Override
    public short load16(long addr) {
        try {
            return storage.get(I16, check(addr, 2));
        } catch (IllegalStateException e) {
            throw gone(e);
        }
    }

    @Override
    public int load32(long addr) {
        try {
            return storage.get(I32, check(addr, 4));
        } catch (IllegalStateException e) {
            throw gone(e);
        }
    }

    @Override
    public long load64(long addr) {
        try {
            return storage.get(I64, check(addr, 8));
        } catch (IllegalStateException e) {
            throw gone(e);
        }
    }

    @Override
    public void store8(long addr, byte value) {
        try {
            storage.set(ValueLayout.JAVA_BYTE, check(addr, 1), value);
        } catch (IllegalStateException e) {
            throw gone(e);
        }
    }

    @Override
    public void store16(long addr, short value) {
        try {
            storage.set(I16, check(addr, 2), value);
        } catch (IllegalStateException e) {
            throw gone(e);
        }
    }

    @Override
    public void store32(long addr, int value) {
        try {
            storage.set(I32, check(addr, 4), value);
        } catch (IllegalStateException e) {
            throw gone(e);
        }
    }

    @Override
    public void store64(long addr, long value) {
        try {
            storage.set(I64, check(addr, 8), value);
        } catch (IllegalStateException e) {
            throw gone(e);
        }
    }

    @Override
    public void read(long addr, byte[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        try {
            MemorySegment.copy(storage, ValueLayout.JAVA_BYTE, check(addr, length), dst, dstOffset, length);
        } catch (IllegalStateException e) {
            throw gone(e);
        }
    }

    @Override
    public void write(long addr, byte[] src, int srcOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        try {
            MemorySegment.copy(src, srcOffset, storage, ValueLayout.JAVA_BYTE, check(addr, length), length);
        } catch (IllegalStateException e) {
            throw gone(e);
        }
    }

    @Override
    public void fill(long addr, byte value, long length) {
        if (length < 0) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
        }
        try {
            storage.asSlice(check(addr, length), length).fill(value);
        } catch (IllegalStateException e) {
            throw gone(e);
        }
    }

    @Override
    public void copyFrom(LinearMemory src, long srcAddr, long dstAddr, long length) {
        if (length < 0 || srcAddr < 0 || srcAddr > src.byteSize() - length) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
        }
        long dst = check(dstAddr, length);
        try {
            if (src instanceof SegmentLinearMemory other) {
                // MemorySegment.copy handles overlap as if through a temporary buffer (spec 4.4.7.14).
                MemorySegment.copy(other.storage, srcAddr, storage, dst, length);
                return;
            }
            var chunk = new byte[(int) Math.min(length, 64 * 1024)];
            for (long done = 0; done < length; done += chunk.length) {
                int n = (int) Math.min(chunk.length, length - done);
                src.read(srcAddr + done, chunk, 0, n);
                MemorySegment.copy(chunk, 0, storage, ValueLayout.JAVA_BYTE, dst + done, n);
            }
        } catch (IllegalStateException e) {
            throw gone(e);
        }
    }

    // Atomics under the memory's lock; words near the end stay inside storage (rounded to 8).

    @Override
    protected synchronized int compareExchange32(long addr, int expected, int value) {
        int old = storage.get(I32, addr);
        if (old == expected) {
            storage.set(I32, addr, value);
        }
        return old;
    }

    @Override
    protected synchronized long compareExchange64(long addr, long expected, long value) {
        long old = storage.get(I64, addr);
        if (old == expected) {
            storage.set(I64, addr, value);
        }
        return old;
    }

    @Override
    protected synchronized int atomicLoad32(long addr) {
        return storage.get(I32, addr);
    }

    @Override
    protected synchronized long atomicLoad64(long addr) {
        return storage.get(I64, addr);
    }

    @Override
    protected synchronized void atomicStore32(long addr, int value) {
        storage.set(I32, addr, value);
    }

    @Override
    protected synchronized void atomicStore64(long addr, long value) {
        storage.set(I64, addr, value);
    }
}
