package dev.jwasm.spi;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.runtime.StoreState;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A Wasm linear memory (spec 4.2.8). The hot accessors live here, on the memory itself, so that an
 * executor can call them on the provider's concrete final class and HotSpot inlines them.
 *
 * <p>Addresses are effective addresses (operand plus static offset) as unsigned 64-bit values: an
 * executor adds the u32 or u64 operand and the offset and traps itself when that sum overflows
 * 64 bits. Every accessor throws {@link dev.jwasm.api.Trap} with kind {@code OUT_OF_BOUNDS_MEMORY}
 * when any byte it touches lies at or past {@link #byteSize()}. Multi-byte values are
 * little-endian and need no alignment.
 *
 * <p>The threads proposal's atomic accesses and {@code wait}/{@code notify} are implemented here
 * on a few overridable compare-and-exchange hooks, so every backend has them.
 *
 * <p>Threads: a shared memory ({@code type().shared()}) is used from many threads at once, so a
 * backend must keep its storage in place, make its atomics sequentially consistent, never tear an
 * aligned access of up to 8 bytes, and publish {@link #grow} so that {@link #byteSize()} and
 * {@link #pages()} on any thread see it (release/acquire or stronger). An unshared memory is used
 * by one thread at a time, its store's.
 */
public abstract class LinearMemory implements AutoCloseable {
    private final MemoryType type;
    /** Guards {@link #waiters}; the monitor {@code memory.atomic.wait} blocks on. */
    private final Object waitLock = new Object();
    /** Threads blocked in {@link #atomicWait}, per address, in arrival order; created on first wait. */
    private Map<Long, ArrayDeque<Waiter>> waiters;

    protected LinearMemory(MemoryType type) {
        this.type = type;
    }

    /** The type this memory was created with (its minimum is the initial size, not the current one). */
    public final MemoryType type() {
        return type;
    }

    /** Current size in pages. */
    public abstract long pages();

    /** Current size in bytes. */
    public abstract long byteSize();

    /**
     * Grows by {@code deltaPages} (spec 4.5.3.8): returns the old size in pages, or -1 with nothing
     * changed when the result would pass the type's maximum, the backend's capacity or the engine's
     * budget.
     */
    public abstract long grow(long deltaPages);

    /**
     * The size check and accounting every backend's {@link #grow} starts with (spec 4.5.3.8):
     * the byte size after growing {@code currentBytes} by {@code deltaPages}, already reserved from
     * {@code budget}, or -1 with nothing reserved when the result would pass {@code maxPages} or
     * the budget refuses. A backend that then fails to commit must release the difference.
     */
    protected final long reserveGrowth(long currentBytes, long deltaPages, long maxPages, MemoryBudget budget) {
        int pageSizeLog2 = type.pageSizeLog2();
        long oldPages = currentBytes >> pageSizeLog2;
        if (isClosed() || deltaPages < 0 || deltaPages > maxPages - oldPages) {
            return -1;
        }
        long newBytes = (oldPages + deltaPages) << pageSizeLog2;
        return budget.tryReserve(currentBytes, newBytes) ? newBytes : -1;
    }

    public abstract byte load8(long addr);

    public abstract short load16(long addr);

    public abstract int load32(long addr);

    public abstract long load64(long addr);

    public float loadF32(long addr) {
        return Float.intBitsToFloat(load32(addr));
    }

    public double loadF64(long addr) {
        return Double.longBitsToDouble(load64(addr));
    }

    public abstract void store8(long addr, byte value);

    public abstract void store16(long addr, short value);

    public abstract void store32(long addr, int value);

    public abstract void store64(long addr, long value);

    public void storeF32(long addr, float value) {
        store32(addr, Float.floatToRawIntBits(value));
    }

    public void storeF64(long addr, double value) {
        store64(addr, Double.doubleToRawLongBits(value));
    }

    /** Copies bytes out of memory; traps, copying nothing, if the range is out of bounds. */
    public abstract void read(long addr, byte[] dst, int dstOffset, int length);

    /** Copies bytes into memory; traps, writing nothing, if the range is out of bounds. */
    public abstract void write(long addr, byte[] src, int srcOffset, int length);

    /** {@code memory.fill} (spec 4.4.7.13): traps, writing nothing, if the range is out of bounds. */
    public abstract void fill(long addr, byte value, long length);

    /**
     * {@code memory.copy} from {@code src} (which may be this memory) into this memory, with
     * overlapping ranges handled as if through a temporary buffer (spec 4.4.7.14).
     */
    public abstract void copyFrom(LinearMemory src, long srcAddr, long dstAddr, long length);

    /**
     * The memory's bytes as a segment exactly {@link #byteSize()} long, for an executor that
     * accesses memory itself instead of calling the accessors; null (the default) when the memory
     * offers none. A class returns null always or never. The segment is a snapshot: it covers the
     * size at the time of the call, so a caller bounds-checks against its {@code byteSize()} and
     * asks again after anything that can grow the memory (a grow, a call, a synchronising atomic).
     * After {@link #close()} it is empty, and a segment obtained before throws on access rather
     * than touching released storage.
     */
    public MemorySegment segment() {
        return null;
    }

    /** Releases the memory's storage; any later access is an error. Idempotent. */
    @Override
    public abstract void close();

    /** Whether {@link #close()} has run; a closed memory has size 0 and every access traps. */
    public boolean isClosed() {
        return false;
    }

    // ---- Atomics (threads proposal, "Atomic Memory Accesses") ----------------------------------
    //
    // Widths are in bytes (1, 2, 4 or 8); narrow results are zero-extended, as the *_u atomic
    // operators need. Alignment is checked before bounds, as the reference interpreter does. All
    // widths are built on two hooks (a 32-bit and a 64-bit compare-and-exchange on aligned words)
    // plus volatile loads and stores, which backends override with VarHandle operations; the
    // defaults here lock the memory, so a custom backend is correct without overriding anything.
    // 8- and 16-bit operations work on the aligned 32-bit word that contains them, so a backend
    // whose size is not a multiple of 4 (1-byte pages) must keep storage up to the next multiple.

    /** How often a blocked {@code wait} given only a {@code Runnable} stop check runs it: 10 ms. */
    public static final long STOP_POLL_NANOS = 10_000_000;

    /** The read-modify-write operators of {@code *.atomic.rmw*}. */
    public enum RmwOp {
        ADD,
        SUB,
        AND,
        OR,
        XOR,
        XCHG;

        /** The new value for {@code old op operand}, before it is truncated to the access width. */
        public long apply(long old, long operand) {
            return switch (this) {
                case ADD -> old + operand;
                case SUB -> old - operand;
                case AND -> old & operand;
                case OR -> old | operand;
                case XOR -> old ^ operand;
                case XCHG -> operand;
            };
        }
    }

    /** Sequentially consistent load of {@code width} bytes, zero-extended. */
    public long atomicLoad(int width, long addr) {
        checkAtomic(width, addr);
        return switch (width) {
            case 8 -> atomicLoad64(addr);
            case 4 -> atomicLoad32(addr) & 0xFFFF_FFFFL;
            default -> extract(atomicLoad32(addr & ~3L), width, addr);
        };
    }

    /** Sequentially consistent store of the low {@code width} bytes of {@code value}. */
    public void atomicStore(int width, long addr, long value) {
        checkAtomic(width, addr);
        switch (width) {
            case 8 -> atomicStore64(addr, value);
            case 4 -> atomicStore32(addr, (int) value);
            default -> subWordUpdate(RmwOp.XCHG, width, addr, value);
        }
    }

    /** {@code *.atomic.rmw*.op}: applies {@code op} and returns the old value, zero-extended. */
    public long atomicRmw(RmwOp op, int width, long addr, long operand) {
        checkAtomic(width, addr);
        return switch (width) {
            case 8 -> rmw64(op, addr, operand);
            case 4 -> rmw32(op, addr, (int) operand) & 0xFFFF_FFFFL;
            default -> subWordUpdate(op, width, addr, operand);
        };
    }

    /**
     * {@code *.atomic.rmw*.cmpxchg}: stores {@code replacement} if the value equals {@code expected}
     * truncated to the width; returns the old value, zero-extended.
     */
    public long atomicCmpxchg(int width, long addr, long expected, long replacement) {
        checkAtomic(width, addr);
        long mask = mask(width);
        long wanted = expected & mask;
        return switch (width) {
            case 8 -> compareExchange64(addr, expected, replacement);
            case 4 -> compareExchange32(addr, (int) expected, (int) replacement) & 0xFFFF_FFFFL;
            default -> {
                long wordAddr = addr & ~3L;
                int shift = (int) (addr & 3) * 8;
                int word = atomicLoad32(wordAddr);
                while (true) {
                    long old = (word >>> shift) & mask;
                    if (old != wanted) {
                        yield old;
                    }
                    int updated = (int) ((word & ~(mask << shift)) | ((replacement & mask) << shift));
                    int witness = compareExchange32(wordAddr, word, updated);
                    if (witness == word) {
                        yield old;
                    }
                    word = witness;
                }
            }
        };
    }

    /**
     * {@code memory.atomic.wait32/64}: blocks while the value at {@code addr} equals
     * {@code expected}, until notified or {@code timeoutNanos} pass (negative: forever). Returns 0
     * (woken), 1 (value differed) or 2 (timed out). Traps with "expected shared memory" on an
     * unshared memory. Nothing can stop this wait but a notify, its timeout or a Java interrupt of
     * the waiting thread; executors use {@link #atomicWait(int, long, long, long, StoreState)}.
     */
    public int atomicWait(int width, long addr, long expected, long timeoutNanos) {
        return atomicWait(width, addr, expected, timeoutNanos, null, () -> {});
    }

    /**
     * {@link #atomicWait(int, long, long, long)} that a store's interrupt or deadline ends: the
     * waiting thread is parked (no polling) and {@code store} unparks it when a stop is requested;
     * it then leaves the queue and throws that stop's trap ("interrupted", "deadline exceeded").
     */
    @SuppressWarnings("exports") // for jwasm's executors, which alone see the runtime's StoreState
    public int atomicWait(int width, long addr, long expected, long timeoutNanos, StoreState store) {
        return atomicWait(width, addr, expected, timeoutNanos, store, store::checkStop);
    }

    /**
     * {@link #atomicWait(int, long, long, long)} for a caller that has only a stop check: while
     * blocked it runs {@code checkStop} at least every {@link #STOP_POLL_NANOS}, and if that
     * throws the waiter leaves the queue and the exception propagates.
     */
    public int atomicWait(int width, long addr, long expected, long timeoutNanos, Runnable checkStop) {
        return atomicWait(width, addr, expected, timeoutNanos, null, checkStop);
    }

    // The wait queues follow the threads proposal's "waiter list" per address: a notify wakes the
    // oldest waiters first. A waiter parks its own thread; notify marks it and unparks it. The
    // value check and the enqueue happen under waitLock, and notify takes waitLock after the store
    // that precedes it, so a notify can never slip between a waiter's check and its sleep.
    private int atomicWait(
            int width, long addr, long expected, long timeoutNanos, StoreState store, Runnable checkStop) {
        checkAtomic(width, addr);
        if (!type().shared()) {
            throw new Trap(TrapKind.EXPECTED_SHARED_MEMORY);
        }
        long start = System.nanoTime();
        var waiter = new Waiter(Thread.currentThread());
        synchronized (waitLock) {
            long current = atomicLoad(width, addr);
            if (current != (expected & mask(width))) {
                return 1;
            }
            var queues = waiters == null ? (waiters = new HashMap<>()) : waiters;
            queues.computeIfAbsent(addr, a -> new ArrayDeque<>()).add(waiter);
        }
        if (store != null) {
            store.addWaiter(waiter.thread);
        }
        try {
            while (!waiter.notified) {
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new Trap(TrapKind.INTERRUPTED);
                }
                checkStop.run();
                long slice = store == null ? STOP_POLL_NANOS : Long.MAX_VALUE;
                if (timeoutNanos >= 0) {
                    long left = timeoutNanos - (System.nanoTime() - start);
                    if (left <= 0) {
                        synchronized (waitLock) {
                            if (waiter.notified) {
                                return 0; // a notify counted this waiter just as it timed out
                            }
                            dequeue(addr, waiter);
                            return 2;
                        }
                    }
                    slice = Math.min(left, slice);
                }
                LockSupport.parkNanos(this, slice);
            }
            return 0;
        } catch (RuntimeException | Error e) {
            synchronized (waitLock) {
                if (!waiter.notified) {
                    dequeue(addr, waiter);
                }
            }
            throw e;
        } finally {
            if (store != null) {
                store.removeWaiter(waiter.thread);
            }
        }
    }

    /** {@code memory.atomic.notify}: wakes up to {@code count} waiters on {@code addr}; returns how many. */
    public int atomicNotify(long addr, long count) {
        checkAtomic(4, addr);
        synchronized (waitLock) {
            var queue = waiters == null ? null : waiters.get(addr);
            int woken = 0;
            while (queue != null && !queue.isEmpty() && Long.compareUnsigned(woken, count) < 0) {
                var waiter = queue.poll();
                waiter.notified = true;
                LockSupport.unpark(waiter.thread);
                woken++;
            }
            if (queue != null && queue.isEmpty()) {
                waiters.remove(addr);
            }
            return woken;
        }
    }

    /**
     * Atomically applies {@code op} to the aligned 32-bit word at {@code addr}; returns the old
     * value. This default loops on {@link #compareExchange32}; a backend with VarHandles overrides
     * it with their {@code getAndAdd}/{@code getAndBitwise*}/{@code getAndSet}, which never retry.
     */
    protected int rmw32(RmwOp op, long addr, int operand) {
        int old = atomicLoad32(addr);
        while (true) {
            int witness = compareExchange32(addr, old, (int) op.apply(old, operand));
            if (witness == old) {
                return old;
            }
            old = witness;
        }
    }

    /** {@link #rmw32} for the aligned 64-bit word at {@code addr}. */
    protected long rmw64(RmwOp op, long addr, long operand) {
        long old = atomicLoad64(addr);
        while (true) {
            long witness = compareExchange64(addr, old, op.apply(old, operand));
            if (witness == old) {
                return old;
            }
            old = witness;
        }
    }

    /** Atomic compare-and-exchange of the aligned 32-bit word at {@code addr}; returns the witness. */
    protected int compareExchange32(long addr, int expected, int value) {
        synchronized (this) {
            int old = load32(addr);
            if (old == expected) {
                store32(addr, value);
            }
            return old;
        }
    }

    /** Atomic compare-and-exchange of the aligned 64-bit word at {@code addr}; returns the witness. */
    protected long compareExchange64(long addr, long expected, long value) {
        synchronized (this) {
            long old = load64(addr);
            if (old == expected) {
                store64(addr, value);
            }
            return old;
        }
    }

    /** Volatile load of the aligned 32-bit word at {@code addr}. */
    protected int atomicLoad32(long addr) {
        synchronized (this) {
            return load32(addr);
        }
    }

    /** Volatile load of the aligned 64-bit word at {@code addr}. */
    protected long atomicLoad64(long addr) {
        synchronized (this) {
            return load64(addr);
        }
    }

    /** Volatile store of the aligned 32-bit word at {@code addr}. */
    protected void atomicStore32(long addr, int value) {
        synchronized (this) {
            store32(addr, value);
        }
    }

    /** Volatile store of the aligned 64-bit word at {@code addr}. */
    protected void atomicStore64(long addr, long value) {
        synchronized (this) {
            store64(addr, value);
        }
    }

    /** A thread blocked in {@link #atomicWait}; {@code notified} is written under waitLock. */
    private static final class Waiter {
        final Thread thread;
        volatile boolean notified;

        Waiter(Thread thread) {
            this.thread = thread;
        }
    }

    private void dequeue(long addr, Waiter waiter) {
        var queue = waiters.get(addr);
        if (queue != null) {
            queue.remove(waiter);
            if (queue.isEmpty()) {
                waiters.remove(addr);
            }
        }
    }

    private long subWordUpdate(RmwOp op, int width, long addr, long operand) {
        long mask = mask(width);
        long wordAddr = addr & ~3L;
        int shift = (int) (addr & 3) * 8;
        int word = atomicLoad32(wordAddr);
        while (true) {
            long old = (word >>> shift) & mask;
            long updated = op.apply(old, operand) & mask;
            int next = (int) ((word & ~(mask << shift)) | (updated << shift));
            int witness = compareExchange32(wordAddr, word, next);
            if (witness == word) {
                return old;
            }
            word = witness;
        }
    }

    private static long extract(int word, int width, long addr) {
        return (word >>> ((int) (addr & 3) * 8)) & mask(width);
    }

    private static long mask(int width) {
        return width == 8 ? -1L : (1L << (width * 8)) - 1;
    }

    /** Alignment, then bounds (threads proposal: unaligned atomics trap, never tear). */
    private void checkAtomic(int width, long addr) {
        if (width != 1 && width != 2 && width != 4 && width != 8) {
            throw new IllegalArgumentException("atomic width must be 1, 2, 4 or 8 bytes, not " + width);
        }
        if ((addr & (width - 1)) != 0) {
            throw new Trap(TrapKind.UNALIGNED_ATOMIC);
        }
        if (addr < 0 || addr > byteSize() - width) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
        }
    }
}
