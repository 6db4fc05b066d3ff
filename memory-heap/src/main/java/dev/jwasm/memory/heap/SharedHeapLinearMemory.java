package dev.jwasm.memory.heap;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.SegmentAtomics;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A shared memory (threads proposal) on the Java heap, with lock-free atomics.
 *
 * <p>The storage is a {@code long[]} of the memory's whole capacity, allocated at creation and
 * never replaced, seen through {@link MemorySegment#ofArray(long[])}. A {@code long[]} is what
 * makes the atomics lock-free: the JVM aligns its elements to 8 bytes, so the segment admits the
 * aligned {@code JAVA_INT}/{@code JAVA_LONG} handles' atomic access modes. Measured on JDK 25, a
 * {@code byte[]} allows none: its {@code byteArrayViewVarHandle} and the unaligned layouts' handles
 * over {@code MemorySegment.ofArray(byte[])} throw {@link UnsupportedOperationException} for
 * {@code compareAndExchange} and {@code getVolatile}, and the aligned ones reject every offset of
 * a {@code byte[]} segment ("incompatible with alignment constraint"), which is why {@link
 * HeapLinearMemory} takes a lock instead. {@code bench}'s {@code AtomicsBenchmark} compares the two.
 *
 * <p>Plain accesses are little-endian and unaligned through the same segment, after an explicit
 * check against the current size; an aligned plain access of up to 8 bytes is one JVM access, so
 * it never tears. The size is published with release/acquire: {@link #byteSize()} and {@link
 * #pages()} read it with acquire semantics, so {@code memory.size} on any thread sees every
 * completed {@code memory.grow}.
 */
public final class SharedHeapLinearMemory extends SizedHeapMemory {
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * The whole capacity. Final (a closed memory has size 0, so nothing reaches it any more; the
     * array goes with the memory object), which lets the JIT keep it in a register.
     */
    private final MemorySegment storage;

    private SharedHeapLinearMemory(MemoryType type, MemoryBudget budget, MemorySegment storage, long maxPages) {
        super(type, budget, maxPages);
        this.storage = storage;
    }

    /** A shared memory with its whole capacity (maximum pages, capped by the heap limit) allocated now. */
    static SharedHeapLinearMemory create(MemoryType type, MemoryBudget budget) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(budget, "budget");
        if (!type.shared()) {
            throw new IllegalArgumentException("not a shared memory type: " + type);
        }
        long maxPages = Math.min(type.maxPagesAllowed(), HeapLinearMemory.MAX_BYTES >> type.pageSizeLog2());
        long min = type.limits().min();
        if (min > maxPages) {
            throw new JwasmException("memory of " + min + " pages of " + type.pageSize()
                    + " bytes does not fit the heap backend's " + HeapLinearMemory.MAX_BYTES + "-byte limit (at most "
                    + maxPages + " pages)");
        }
        long initialBytes = min << type.pageSizeLog2();
        if (!budget.tryReserve(0, initialBytes)) {
            throw new JwasmException("memory of " + initialBytes + " bytes exceeds the engine's memory limit of "
                    + budget.limit() + " bytes (" + budget.committed() + " already committed) or was vetoed");
        }
        long capacity = maxPages << type.pageSizeLog2();
        try {
            // Rounded up to whole longs, so that 8- and 16-bit atomics near the end find their word.
            var words = new long[(int) ((capacity + 7) >>> 3)];
            return new SharedHeapLinearMemory(type, budget, MemorySegment.ofArray(words), maxPages);
        } catch (OutOfMemoryError e) {
            budget.release(initialBytes);
            throw new JwasmException("not enough Java heap for a shared memory of " + capacity + " bytes", e);
        }
    }

    private long check(long addr, long width) {
        if (addr < 0 || addr > size - width) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
        }
        return addr;
    }

    @Override
    public byte load8(long addr) {
        return storage.get(ValueLayout.JAVA_BYTE, check(addr, 1));
    }

    @Override
    public short load16(long addr) {
        return storage.get(I16, check(addr, 2));
    }

    @Override
    public int load32(long addr) {
        return storage.get(I32, check(addr, 4));
    }

    @Override
    public long load64(long addr) {
        return storage.get(I64, check(addr, 8));
    }

    @Override
    public void store8(long addr, byte value) {
        storage.set(ValueLayout.JAVA_BYTE, check(addr, 1), value);
    }

    @Override
    public void store16(long addr, short value) {
        storage.set(I16, check(addr, 2), value);
    }

    @Override
    public void store32(long addr, int value) {
        storage.set(I32, check(addr, 4), value);
    }

    @Override
    public void store64(long addr, long value) {
        storage.set(I64, check(addr, 8), value);
    }

    @Override
    public void read(long addr, byte[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        MemorySegment.copy(storage, ValueLayout.JAVA_BYTE, check(addr, length), dst, dstOffset, length);
    }

    @Override
    public void write(long addr, byte[] src, int srcOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        MemorySegment.copy(src, srcOffset, storage, ValueLayout.JAVA_BYTE, check(addr, length), length);
    }

    @Override
    public void fill(long addr, byte value, long length) {
        if (length < 0) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
        }
        storage.asSlice(check(addr, length), length).fill(value);
    }

    @Override
    public void copyFrom(LinearMemory src, long srcAddr, long dstAddr, long length) {
        if (length < 0 || srcAddr < 0 || srcAddr > src.byteSize() - length) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
        }
        long dst = check(dstAddr, length);
        if (src instanceof SharedHeapLinearMemory heap) {
            // MemorySegment.copy handles overlap as if through a temporary buffer (spec 4.4.7.14).
            MemorySegment.copy(heap.storage, srcAddr, storage, dst, length);
            return;
        }
        var chunk = new byte[(int) Math.min(length, 64 * 1024)];
        for (long done = 0; done < length; done += chunk.length) {
            int n = (int) Math.min(chunk.length, length - done);
            src.read(srcAddr + done, chunk, 0, n);
            MemorySegment.copy(chunk, 0, storage, ValueLayout.JAVA_BYTE, dst + done, n);
        }
    }

    // Atomics: the base class has checked alignment and bounds against byteSize() (acquire), so
    // the aligned handles never see a misaligned or out-of-capacity offset.

    @Override
    protected int rmw32(RmwOp op, long addr, int operand) {
        return SegmentAtomics.rmw32(storage, op, addr, operand);
    }

    @Override
    protected long rmw64(RmwOp op, long addr, long operand) {
        return SegmentAtomics.rmw64(storage, op, addr, operand);
    }

    @Override
    protected int compareExchange32(long addr, int expected, int value) {
        return SegmentAtomics.compareExchange32(storage, addr, expected, value);
    }

    @Override
    protected long compareExchange64(long addr, long expected, long value) {
        return SegmentAtomics.compareExchange64(storage, addr, expected, value);
    }

    @Override
    protected int atomicLoad32(long addr) {
        return SegmentAtomics.load32(storage, addr);
    }

    @Override
    protected long atomicLoad64(long addr) {
        return SegmentAtomics.load64(storage, addr);
    }

    @Override
    protected void atomicStore32(long addr, int value) {
        SegmentAtomics.store32(storage, addr, value);
    }

    @Override
    protected void atomicStore64(long addr, long value) {
        SegmentAtomics.store64(storage, addr, value);
    }
}
