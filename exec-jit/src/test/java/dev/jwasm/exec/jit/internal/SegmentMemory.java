package dev.jwasm.exec.jit.internal;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A memory that offers its bytes as a segment ({@link LinearMemory#segment()}) the way the mmap
 * backend does, without mmap: native memory of a shared arena allocated at the maximum up front,
 * seen through a slice exactly the current size. It counts the accessor calls it serves, so a
 * test sees whether compiled code went through the segment or the accessors.
 */
public final class SegmentMemory extends LinearMemory {
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Arena arena = Arena.ofShared();
    private final MemorySegment all;
    private final long maxPages;
    /** Volatile: a grow on one thread publishes the new view to the others (as the SPI asks). */
    private volatile MemorySegment view;

    volatile int accessorCalls;

    /** How often compiled code (or anyone) asked for the segment. */
    volatile int segmentCalls;

    SegmentMemory(MemoryType type) {
        super(type);
        this.maxPages = type.limits().hasMax() ? type.limits().max() : 16;
        this.all = arena.allocate(maxPages << type.pageSizeLog2(), 8);
        this.view = all.asSlice(0, type.limits().min() << type.pageSizeLog2());
    }

    /** A provider of these memories that remembers each one it made. */
    static final class Provider implements MemoryProvider {
        final List<SegmentMemory> made = new ArrayList<>();

        @Override
        public String name() {
            return "segment-test";
        }

        @Override
        public int priority() {
            return 0;
        }

        @Override
        public LinearMemory create(MemoryType type, MemoryBudget budget) {
            var memory = new SegmentMemory(type);
            made.add(memory);
            return memory;
        }
    }

    @Override
    public MemorySegment segment() {
        segmentCalls++;
        return view;
    }

    @Override
    public long pages() {
        return view.byteSize() >> type().pageSizeLog2();
    }

    @Override
    public long byteSize() {
        return view.byteSize();
    }

    @Override
    public synchronized long grow(long deltaPages) {
        long old = pages();
        if (deltaPages < 0 || deltaPages > maxPages - old) {
            return -1;
        }
        view = all.asSlice(0, (old + deltaPages) << type().pageSizeLog2());
        return old;
    }

    private static Trap oob() {
        return new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
    }

    @Override
    public byte load8(long addr) {
        accessorCalls++;
        try {
            return view.get(ValueLayout.JAVA_BYTE, addr);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public short load16(long addr) {
        accessorCalls++;
        try {
            return view.get(I16, addr);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public int load32(long addr) {
        accessorCalls++;
        try {
            return view.get(I32, addr);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public long load64(long addr) {
        accessorCalls++;
        try {
            return view.get(I64, addr);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public void store8(long addr, byte value) {
        accessorCalls++;
        try {
            view.set(ValueLayout.JAVA_BYTE, addr, value);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public void store16(long addr, short value) {
        accessorCalls++;
        try {
            view.set(I16, addr, value);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public void store32(long addr, int value) {
        accessorCalls++;
        try {
            view.set(I32, addr, value);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public void store64(long addr, long value) {
        accessorCalls++;
        try {
            view.set(I64, addr, value);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public void read(long addr, byte[] dst, int dstOffset, int length) {
        try {
            MemorySegment.copy(view, ValueLayout.JAVA_BYTE, addr, dst, dstOffset, length);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public void write(long addr, byte[] src, int srcOffset, int length) {
        try {
            MemorySegment.copy(src, srcOffset, view, ValueLayout.JAVA_BYTE, addr, length);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public void fill(long addr, byte value, long length) {
        try {
            view.asSlice(addr, length).fill(value);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public void copyFrom(LinearMemory src, long srcAddr, long dstAddr, long length) {
        var bytes = new byte[Math.toIntExact(length)];
        src.read(srcAddr, bytes, 0, bytes.length);
        write(dstAddr, bytes, 0, bytes.length);
    }

    @Override
    public synchronized void close() {
        if (arena.scope().isAlive()) {
            view = MemorySegment.NULL;
            // A thread still holding the old view gets an IllegalStateException from then on.
            arena.close();
        }
    }

    @Override
    public boolean isClosed() {
        return !arena.scope().isAlive();
    }
}
