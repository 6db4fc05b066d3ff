package dev.jwasm.memory.heap;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A linear memory in a {@code byte[]}: every access checks its whole range against the current
 * size explicitly, then goes through a little-endian {@link VarHandle} view of the array.
 *
 * <p>An unshared memory grows by copying into a larger array. A fixed-buffer memory lives in an
 * array the embedder handed in and never grows past it. A shared memory (threads) is normally a
 * {@link SharedHeapLinearMemory}, whose atomics are lock-free; this class still serves a shared
 * type in a fixed buffer (and {@link #create} one when asked directly), allocating its maximum up
 * front and growing in place. The size is published with release/acquire, so {@code memory.size}
 * on another thread sees a completed grow.
 *
 * <p>The array's length is always a multiple of 8 and at least the size rounded up to one, so
 * that 8- and 16-bit atomics can use the aligned 32-bit word around them.
 */
public final class HeapLinearMemory extends SizedHeapMemory {
    /**
     * The largest array this backend uses: just under 2 GiB, a multiple of 8, and below the
     * JVM's array length limit ({@code Integer.MAX_VALUE} minus a small header allowance).
     */
    public static final long MAX_BYTES = (Integer.MAX_VALUE - 15) & ~7L;

    private static final byte[] EMPTY = new byte[0];
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Whether the array may be replaced by a larger copy on grow (never for shared or fixed). */
    private final boolean growsByCopy;

    private byte[] bytes;

    private HeapLinearMemory(MemoryType type, MemoryBudget budget, byte[] storage, long maxPages, boolean growsByCopy) {
        super(type, budget, maxPages);
        this.growsByCopy = growsByCopy;
        this.bytes = storage;
    }

    /** A memory in its own array (shared memories get their whole capacity at once). */
    static HeapLinearMemory create(MemoryType type, MemoryBudget budget) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(budget, "budget");
        long maxPages = Math.min(type.maxPagesAllowed(), MAX_BYTES >> type.pageSizeLog2());
        long initialBytes = checkInitial(type, maxPages, "the heap backend's " + MAX_BYTES + "-byte limit");
        long arrayBytes = type.shared() ? maxPages << type.pageSizeLog2() : initialBytes;
        reserve(budget, initialBytes);
        try {
            return new HeapLinearMemory(type, budget, allocate(arrayBytes), maxPages, !type.shared());
        } catch (JwasmException e) {
            budget.release(initialBytes);
            throw e;
        }
    }

    /** A memory living in {@code buffer}: it uses the buffer's length rounded down to a multiple of 8. */
    static HeapLinearMemory fixed(MemoryType type, MemoryBudget budget, byte[] buffer) {
        long usable = buffer.length & ~7L;
        long maxPages = Math.min(type.maxPagesAllowed(), usable >> type.pageSizeLog2());
        long initialBytes = checkInitial(type, maxPages, "the fixed buffer of " + buffer.length + " bytes");
        reserve(budget, initialBytes);
        // The memory starts zeroed (spec 4.5.3.8); later pages are zero already because the whole
        // usable buffer is cleared now.
        Arrays.fill(buffer, 0, (int) usable, (byte) 0);
        return new HeapLinearMemory(type, budget, buffer, maxPages, false);
    }

    private static long checkInitial(MemoryType type, long maxPages, String what) {
        long min = type.limits().min();
        if (min > maxPages) {
            throw new JwasmException("memory of " + min + " pages of " + type.pageSize() + " bytes does not fit " + what
                    + " (at most " + maxPages + " pages)");
        }
        return min << type.pageSizeLog2();
    }

    private static void reserve(MemoryBudget budget, long bytes) {
        if (!budget.tryReserve(0, bytes)) {
            throw new JwasmException("memory of " + bytes + " bytes exceeds the engine's memory limit of "
                    + budget.limit() + " bytes (" + budget.committed() + " already committed) or was vetoed");
        }
    }

    private static byte[] allocate(long bytes) {
        try {
            return new byte[(int) roundUp8(bytes)];
        } catch (OutOfMemoryError e) {
            throw new JwasmException("not enough Java heap for a memory of " + bytes + " bytes", e);
        }
    }

    private static long roundUp8(long bytes) {
        return (bytes + 7) & ~7L;
    }

    @Override
    boolean makeRoom(long newSize) {
        if (roundUp8(newSize) <= bytes.length) {
            return true;
        }
        if (!growsByCopy) {
            return false;
        }
        try {
            // Grow geometrically so that many one-page grows copy O(n) bytes in total; the cap
            // is at least roundUp8(newSize) because newSize is within maxPages.
            long need = roundUp8(newSize);
            long cap = roundUp8(maxPages << pageSizeLog2);
            bytes = Arrays.copyOf(bytes, (int) Math.min(Math.max(need, 2L * bytes.length), cap));
            return true;
        } catch (OutOfMemoryError e) {
            return false;
        }
    }

    private int check(long addr, long width) {
        if (addr < 0 || addr > size - width) {
            throw oob();
        }
        return (int) addr;
    }

    private static Trap oob() {
        return new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
    }

    @Override
    public byte load8(long addr) {
        return bytes[check(addr, 1)];
    }

    @Override
    public short load16(long addr) {
        return (short) SHORT.get(bytes, check(addr, 2));
    }

    @Override
    public int load32(long addr) {
        return (int) INT.get(bytes, check(addr, 4));
    }

    @Override
    public long load64(long addr) {
        return (long) LONG.get(bytes, check(addr, 8));
    }

    @Override
    public void store8(long addr, byte value) {
        bytes[check(addr, 1)] = value;
    }

    @Override
    public void store16(long addr, short value) {
        SHORT.set(bytes, check(addr, 2), value);
    }

    @Override
    public void store32(long addr, int value) {
        INT.set(bytes, check(addr, 4), value);
    }

    @Override
    public void store64(long addr, long value) {
        LONG.set(bytes, check(addr, 8), value);
    }

    @Override
    public void read(long addr, byte[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        System.arraycopy(bytes, check(addr, length), dst, dstOffset, length);
    }

    @Override
    public void write(long addr, byte[] src, int srcOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        System.arraycopy(src, srcOffset, bytes, check(addr, length), length);
    }

    @Override
    public void fill(long addr, byte value, long length) {
        if (length < 0) {
            throw oob();
        }
        int start = check(addr, length);
        Arrays.fill(bytes, start, start + (int) length, value);
    }

    @Override
    public void copyFrom(LinearMemory src, long srcAddr, long dstAddr, long length) {
        if (length < 0 || srcAddr < 0 || srcAddr > src.byteSize() - length) {
            throw oob();
        }
        int dst = check(dstAddr, length);
        if (src instanceof HeapLinearMemory heap) {
            // System.arraycopy copies overlapping ranges as if through a temporary array.
            System.arraycopy(heap.bytes, (int) srcAddr, bytes, dst, (int) length);
        } else {
            // A different memory never overlaps this one: both ranges are checked, so copy in place.
            src.read(srcAddr, bytes, dst, (int) length);
        }
    }

    @Override
    void dropStorage() {
        bytes = EMPTY;
    }

    // Atomics: since JDK 22 byte-array views support no atomic access modes (a byte[] need not be
    // 8-byte aligned), so atomic operations on this backend take the memory's lock. They are atomic
    // with respect to each other, which is what the threads proposal requires of them; the lock's
    // happens-before edges give the sequential consistency. Words near the end may pass the size
    // (sub-word atomics with 1-byte pages) but never the array, whose length is rounded up to 8.

    @Override
    protected synchronized int compareExchange32(long addr, int expected, int value) {
        int old = (int) INT.get(bytes, (int) addr);
        if (old == expected) {
            INT.set(bytes, (int) addr, value);
        }
        return old;
    }

    @Override
    protected synchronized long compareExchange64(long addr, long expected, long value) {
        long old = (long) LONG.get(bytes, (int) addr);
        if (old == expected) {
            LONG.set(bytes, (int) addr, value);
        }
        return old;
    }

    @Override
    protected synchronized int atomicLoad32(long addr) {
        return (int) INT.get(bytes, (int) addr);
    }

    @Override
    protected synchronized long atomicLoad64(long addr) {
        return (long) LONG.get(bytes, (int) addr);
    }

    @Override
    protected synchronized void atomicStore32(long addr, int value) {
        INT.set(bytes, (int) addr, value);
    }

    @Override
    protected synchronized void atomicStore64(long addr, long value) {
        LONG.set(bytes, (int) addr, value);
    }
}
