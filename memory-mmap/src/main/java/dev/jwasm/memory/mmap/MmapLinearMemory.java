package dev.jwasm.memory.mmap;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.SegmentAtomics;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A linear memory in a reserved region of address space that never moves: 4 GiB plus a 64 KiB
 * guard for a 32-bit memory, the declared maximum capped by the engine's limit (or
 * {@link #DEFAULT_MEMORY64_CAP}) for a 64-bit one. Pages are committed with {@code mprotect} as the
 * memory grows, so grow never copies and shared memories keep a stable base.
 *
 * <p>Touching an inaccessible page kills the JVM, so the guard is only defence in depth: every
 * access goes through a {@link MemorySegment} exactly as long as the memory (re-made on each grow),
 * whose own bounds check turns a stray address into the out-of-bounds trap. The segment belongs to
 * a shared arena; closing the memory closes the arena before unmapping, so a thread still holding
 * the old segment gets an exception rather than a crash.
 */
// Restricted FFM calls are this class's purpose; the provider checks native access is enabled.
@SuppressWarnings("restricted")
public final class MmapLinearMemory extends LinearMemory {
    /** Guard beyond a 32-bit memory's 4 GiB, so an access just past the end is never mapped. */
    public static final long GUARD_BYTES = 64 * 1024;
    /** Address space a memory64 without a tighter engine limit reserves: 16 GiB. */
    public static final long DEFAULT_MEMORY64_CAP = 16L << 30;

    private static final Cleaner CLEANER = Cleaner.create();
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SIZE;

    static {
        try {
            SIZE = MethodHandles.lookup().findVarHandle(MmapLinearMemory.class, "size", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Region region;
    private final Cleaner.Cleanable cleanable;
    private final int pageSizeLog2;
    private final long maxPages;

    /** Exactly {@link #byteSize()} long: its bounds check is the memory's bounds check. */
    private MemorySegment segment;
    /** The whole committed range (whole OS pages), for atomics on the word around a byte. */
    private MemorySegment words;

    /**
     * Written with release after {@link #segment} and {@link #words} (so that a thread that reads
     * the new size with acquire, as {@link #byteSize()} does, also sees the new segments); the
     * accessors rely on the segment's own bounds instead.
     */
    private long size;

    private MmapLinearMemory(MemoryType type, Region region, long maxPages) {
        super(type);
        this.region = region;
        this.pageSizeLog2 = type.pageSizeLog2();
        this.maxPages = maxPages;
        this.cleanable = CLEANER.register(this, region::release);
        this.segment = MemorySegment.NULL;
        this.words = MemorySegment.NULL;
    }

    static MmapLinearMemory create(Mman mman, MemoryType type, MemoryBudget budget) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(budget, "budget");
        long usable = usableBytes(type, budget);
        long maxPages = Math.min(type.maxPagesAllowed(), usable >> type.pageSizeLog2());
        long min = type.limits().min();
        if (min > maxPages) {
            throw new JwasmException("memory of " + min + " pages of " + type.pageSize()
                    + " bytes does not fit the mmap reservation of " + usable + " bytes (engine limit "
                    + budget.limit() + ")");
        }
        long initialBytes = min << type.pageSizeLog2();
        if (!budget.tryReserve(0, initialBytes)) {
            throw new JwasmException("memory of " + initialBytes + " bytes exceeds the engine's memory limit of "
                    + budget.limit() + " bytes (" + budget.committed() + " already committed) or was vetoed");
        }
        Region region;
        try {
            long reserved = roundUp(usable, mman.osPageSize) + GUARD_BYTES;
            region = new Region(mman, budget, mman.reserve(reserved), reserved, initialBytes);
        } catch (RuntimeException e) {
            budget.release(initialBytes);
            throw e;
        }
        var memory = new MmapLinearMemory(type, region, maxPages);
        if (!mman.commit(region.base, roundUp(initialBytes, mman.osPageSize))) {
            memory.close();
            throw new NativeMemoryException("the OS refused to commit " + initialBytes + " bytes");
        }
        memory.resize(initialBytes);
        return memory;
    }

    /** Bytes the reservation makes addressable, before rounding and guard. */
    private static long usableBytes(MemoryType type, MemoryBudget budget) {
        if (type.addressType() == AddressType.I32) {
            return 1L << 32;
        }
        long cap = budget.limit() == MemoryBudget.UNLIMITED ? DEFAULT_MEMORY64_CAP : budget.limit();
        long maxPages = type.maxPagesAllowed();
        long declared =
                maxPages > (Long.MAX_VALUE >> type.pageSizeLog2()) ? Long.MAX_VALUE : maxPages << type.pageSizeLog2();
        return Math.min(declared, cap);
    }

    private static long roundUp(long bytes, long unit) {
        return (bytes + unit - 1) / unit * unit;
    }

    private void resize(long newSize) {
        var base = MemorySegment.ofAddress(region.base);
        segment = base.reinterpret(newSize, region.arena, null);
        words = base.reinterpret(roundUp(newSize, region.mman.osPageSize), region.arena, null);
        SIZE.setRelease(this, newSize);
    }

    /** The reserved address range this memory occupies, for tests and diagnostics. */
    public long reservedBytes() {
        return region.reserved;
    }

    @Override
    public long pages() {
        return (long) SIZE.getAcquire(this) >> pageSizeLog2;
    }

    @Override
    public long byteSize() {
        return (long) SIZE.getAcquire(this);
    }

    @Override
    public boolean isClosed() {
        return region.released.get();
    }

    @Override
    public synchronized long grow(long deltaPages) {
        long oldPages = size >> pageSizeLog2;
        long newSize = reserveGrowth(size, deltaPages, maxPages, region.budget);
        if (newSize < 0) {
            return -1;
        }
        long page = region.mman.osPageSize;
        long from = roundUp(size, page);
        long to = roundUp(newSize, page);
        if (to > from && !region.mman.commit(region.base + from, to - from)) {
            region.budget.release(newSize - size);
            return -1;
        }
        region.committed = newSize;
        resize(newSize);
        return oldPages;
    }

    /**
     * The segment the accessors use: exactly {@link #byteSize()} long, in the memory's shared arena,
     * so that compiled code holding it across a grow sees at most the old size, and holding it
     * across {@link #close()} gets an exception (the arena is closed before the unmap) instead of
     * touching unmapped pages.
     */
    @Override
    public MemorySegment segment() {
        return segment;
    }

    private static Trap oob() {
        return new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
    }

    @Override
    public byte load8(long addr) {
        try {
            return segment.get(ValueLayout.JAVA_BYTE, addr);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public short load16(long addr) {
        try {
            return segment.get(I16, addr);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public int load32(long addr) {
        try {
            return segment.get(I32, addr);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public long load64(long addr) {
        try {
            return segment.get(I64, addr);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public void store8(long addr, byte value) {
        try {
            segment.set(ValueLayout.JAVA_BYTE, addr, value);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public void store16(long addr, short value) {
        try {
            segment.set(I16, addr, value);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public void store32(long addr, int value) {
        try {
            segment.set(I32, addr, value);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public void store64(long addr, long value) {
        try {
            segment.set(I64, addr, value);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public void read(long addr, byte[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        try {
            MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, addr, dst, dstOffset, length);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public void write(long addr, byte[] src, int srcOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        try {
            MemorySegment.copy(src, srcOffset, segment, ValueLayout.JAVA_BYTE, addr, length);
        } catch (IndexOutOfBoundsException e) {
            throw oob();
        }
    }

    @Override
    public void fill(long addr, byte value, long length) {
        if (length < 0 || addr < 0 || addr > size - length) {
            throw oob();
        }
        segment.asSlice(addr, length).fill(value);
    }

    @Override
    public void copyFrom(LinearMemory src, long srcAddr, long dstAddr, long length) {
        if (length < 0 || srcAddr < 0 || srcAddr > src.byteSize() - length || dstAddr < 0 || dstAddr > size - length) {
            throw oob();
        }
        if (src instanceof MmapLinearMemory mapped) {
            // MemorySegment.copy handles overlap as if through a temporary buffer (spec 4.4.7.14).
            MemorySegment.copy(mapped.segment, srcAddr, segment, dstAddr, length);
            return;
        }
        // Another backend's memory cannot overlap this one; both ranges are checked, copy in chunks.
        var chunk = new byte[(int) Math.min(length, 64 * 1024)];
        for (long done = 0; done < length; done += chunk.length) {
            int n = (int) Math.min(chunk.length, length - done);
            src.read(srcAddr + done, chunk, 0, n);
            MemorySegment.copy(chunk, 0, segment, ValueLayout.JAVA_BYTE, dstAddr + done, n);
        }
    }

    @Override
    public synchronized void close() {
        segment = MemorySegment.NULL;
        words = MemorySegment.NULL;
        SIZE.setRelease(this, 0L);
        cleanable.clean();
    }

    @Override
    protected int rmw32(RmwOp op, long addr, int operand) {
        return SegmentAtomics.rmw32(words, op, addr, operand);
    }

    @Override
    protected long rmw64(RmwOp op, long addr, long operand) {
        return SegmentAtomics.rmw64(words, op, addr, operand);
    }

    @Override
    protected int compareExchange32(long addr, int expected, int value) {
        return SegmentAtomics.compareExchange32(words, addr, expected, value);
    }

    @Override
    protected long compareExchange64(long addr, long expected, long value) {
        return SegmentAtomics.compareExchange64(words, addr, expected, value);
    }

    @Override
    protected int atomicLoad32(long addr) {
        return SegmentAtomics.load32(words, addr);
    }

    @Override
    protected long atomicLoad64(long addr) {
        return SegmentAtomics.load64(words, addr);
    }

    @Override
    protected void atomicStore32(long addr, int value) {
        SegmentAtomics.store32(words, addr, value);
    }

    @Override
    protected void atomicStore64(long addr, long value) {
        SegmentAtomics.store64(words, addr, value);
    }

    /**
     * What must be given back when the memory is closed or becomes unreachable: the mapping and the
     * budget. It holds no reference to the memory, so the {@link Cleaner} can run it.
     */
    private static final class Region {
        final Mman mman;
        final MemoryBudget budget;
        final long base;
        final long reserved;
        final Arena arena = Arena.ofShared();
        final AtomicBoolean released = new AtomicBoolean();
        volatile long committed;

        Region(Mman mman, MemoryBudget budget, long base, long reserved, long committed) {
            this.mman = mman;
            this.budget = budget;
            this.base = base;
            this.reserved = reserved;
            this.committed = committed;
        }

        void release() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            // Closing the arena first invalidates every segment over the region, in every thread.
            arena.close();
            int errno = mman.release(base, reserved);
            budget.release(committed);
            if (errno != 0) {
                throw new NativeMemoryException("munmap of " + reserved + " bytes failed, errno " + errno);
            }
        }
    }
}
