package dev.jwasm.memory.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.Limits;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.LinearMemory.RmwOp;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.runtime.StoreState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What every {@link LinearMemory} backend must do, from the spec (sections cited per test) and the
 * SPI's contract. Each backend's test tree extends it; this module publishes it as a test-jar.
 */
public abstract class LinearMemoryContract {
    protected static final long PAGE = 65536;

    private final List<LinearMemory> opened = new ArrayList<>();

    /** Creates a memory of the backend under test. */
    protected abstract LinearMemory newMemory(MemoryType type, MemoryBudget budget);

    protected final LinearMemory create(MemoryType type, MemoryBudget budget) {
        return registerForClose(newMemory(type, budget));
    }

    /** Closes {@code memory} after the test. */
    protected final LinearMemory registerForClose(LinearMemory memory) {
        opened.add(memory);
        return memory;
    }

    protected final LinearMemory create(long min, long max) {
        return create(MemoryType.of(min, max), MemoryBudget.unlimited());
    }

    protected static MemoryType shared(long min, long max) {
        return new MemoryType(new Limits(min, max), AddressType.I32, true, MemoryType.DEFAULT_PAGE_SIZE_LOG2);
    }

    @AfterEach
    void closeAll() {
        opened.forEach(LinearMemory::close);
    }

    protected static void assertTrap(TrapKind kind, Executable access) {
        var trap = assertThrows(Trap.class, access);
        assertEquals(kind, trap.kind());
        assertTrue(trap.getMessage().startsWith(kind.message()), trap.getMessage());
    }

    protected static void assertOob(Executable access) {
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, access);
    }

    protected static void assertOob(Executable access, String why) {
        var trap = assertThrows(Trap.class, access, why);
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap.kind(), why);
    }

    @Test
    void startsWithMinimumSizeZeroed() {
        var memory = create(2, 5);
        assertEquals(2, memory.pages());
        assertEquals(2 * PAGE, memory.byteSize());
        assertEquals(0L, memory.load64(0));
        assertEquals(0L, memory.load64(2 * PAGE - 8));
    }

    @Test
    void valuesAreLittleEndianAndNeedNoAlignment() {
        var memory = create(1, 1);
        memory.store32(1, 0x11223344);
        assertEquals(0x44, memory.load8(1));
        assertEquals(0x11, memory.load8(4));
        assertEquals((short) 0x2233, memory.load16(2));
        memory.store64(9, 0x0102030405060708L);
        assertEquals(0x08, memory.load8(9));
        assertEquals(0x05060708, memory.load32(9));
        assertEquals(0x0102030405060708L, memory.load64(9));
        memory.store16(100, (short) 0xBEEF);
        assertEquals((byte) 0xEF, memory.load8(100));
        assertEquals((byte) 0xBE, memory.load8(101));
        memory.storeF32(200, 1.5f);
        assertEquals(0x3FC00000, memory.load32(200));
        assertEquals(1.5f, memory.loadF32(200));
        memory.storeF64(300, -2.0);
        assertEquals(0xC000000000000000L, memory.load64(300));
        assertEquals(-2.0, memory.loadF64(300));
        memory.store8(400, (byte) -1);
        assertEquals(0x000000FF, memory.load32(400));
    }

    @Test
    void everyWidthTrapsWhenAnyByteIsPastTheEnd() {
        var memory = create(1, 1);
        for (int width : new int[] {1, 2, 4, 8}) {
            long lastOk = PAGE - width;
            long firstBad = lastOk + 1;
            access(memory, width, lastOk);
            assertOob(() -> access(memory, width, firstBad));
            assertOob(() -> store(memory, width, firstBad));
            assertOob(() -> access(memory, width, PAGE));
            // u33 edge: an i32 address 0xFFFFFFFF plus a static offset is a 33-bit sum, not a wrap.
            assertOob(() -> access(memory, width, 0xFFFF_FFFFL + 1));
            assertOob(() -> access(memory, width, 0xFFFF_FFFFL + 0xFFFF_FFFFL));
            // u65 edge: an unsigned 64-bit address past 2^63 is negative as a long.
            assertOob(() -> access(memory, width, -1L));
            assertOob(() -> access(memory, width, Long.MIN_VALUE));
        }
        assertEquals(0L, memory.load64(PAGE - 8), "a trapping store wrote nothing");
    }

    private static long access(LinearMemory memory, int width, long addr) {
        return switch (width) {
            case 1 -> memory.load8(addr);
            case 2 -> memory.load16(addr);
            case 4 -> memory.load32(addr);
            default -> memory.load64(addr);
        };
    }

    private static void store(LinearMemory memory, int width, long addr) {
        switch (width) {
            case 1 -> memory.store8(addr, (byte) 1);
            case 2 -> memory.store16(addr, (short) 1);
            case 4 -> memory.store32(addr, 1);
            default -> memory.store64(addr, 1);
        }
    }

    @Test
    void growsToTheDeclaredMaximumAndNoFurther() {
        var memory = create(1, 4);
        memory.store32(PAGE - 4, 0xCAFEBABE);
        assertEquals(1, memory.grow(2), "spec 4.4.7.11: grow returns the old size");
        assertEquals(3, memory.pages());
        assertEquals(0xCAFEBABE, memory.load32(PAGE - 4), "growing keeps the contents");
        assertEquals(0L, memory.load64(3 * PAGE - 8), "new pages are zero");
        memory.store64(3 * PAGE - 8, 7);
        assertEquals(3, memory.grow(1));
        assertEquals(-1, memory.grow(1), "past the maximum");
        assertEquals(4, memory.pages(), "a failed grow changes nothing");
        assertEquals(4, memory.grow(0));
        assertEquals(-1, memory.grow(-1), "a delta of 2^64-1 pages never fits");
        assertEquals(-1, memory.grow(Long.MAX_VALUE));
        assertOob(() -> memory.load8(4 * PAGE));
    }

    @Test
    void memory64AddressesAreCheckedAsUnsigned64BitSums() {
        var type = new MemoryType(new Limits(1, 4), AddressType.I64, false, MemoryType.DEFAULT_PAGE_SIZE_LOG2);
        var memory = create(type, MemoryBudget.unlimited());
        memory.store64(PAGE - 8, 11);
        assertEquals(11, memory.load64(PAGE - 8));
        assertOob(() -> memory.load8(1L << 32), "4 GiB is far past a 1-page memory64");
        assertOob(() -> memory.load32(0xFFFF_FFFF_FFFF_FFFCL), "the last u64 address");
        assertEquals(-1, memory.grow(1L << 48), "more pages than the type allows");
        assertEquals(1, memory.grow(3));
        assertEquals(4 * PAGE, memory.byteSize());
    }

    @Test
    void bulkReadAndWriteCheckTheWholeRangeFirst() {
        var memory = create(1, 1);
        memory.write(10, new byte[] {1, 2, 3, 4, 5}, 1, 3);
        var out = new byte[4];
        memory.read(9, out, 0, 4);
        assertArrayEquals(new byte[] {0, 2, 3, 4}, out);

        var untouched = new byte[] {9, 9, 9, 9};
        assertOob(() -> memory.read(PAGE - 2, untouched, 0, 4));
        assertArrayEquals(new byte[] {9, 9, 9, 9}, untouched);
        assertOob(() -> memory.write(PAGE - 2, new byte[] {7, 7, 7, 7}, 0, 4));
        assertEquals(0, memory.load16(PAGE - 2), "nothing written before the trap");
        memory.read(PAGE, new byte[0], 0, 0);
        assertOob(() -> memory.read(PAGE + 1, new byte[0], 0, 0));
    }

    @Test
    void fillFollowsMemoryFill() {
        var memory = create(1, 1);
        memory.fill(100, (byte) 0xAB, 3);
        assertEquals(0, memory.load8(99));
        assertEquals(0x00ABABAB, memory.load32(100));
        assertOob(() -> memory.fill(PAGE - 2, (byte) 1, 3));
        assertEquals(0, memory.load16(PAGE - 2), "spec 4.4.7.13: bounds are checked before any write");
        memory.fill(PAGE, (byte) 1, 0);
        assertOob(() -> memory.fill(PAGE + 1, (byte) 1, 0));
    }

    @Test
    void copyHandlesOverlapBothWays() {
        var memory = create(1, 1);
        memory.write(0, new byte[] {1, 2, 3, 4, 5, 6}, 0, 6);
        memory.copyFrom(memory, 0, 2, 4); // forward overlap: dst above src
        var out = new byte[6];
        memory.read(0, out, 0, 6);
        assertArrayEquals(new byte[] {1, 2, 1, 2, 3, 4}, out);
        memory.copyFrom(memory, 2, 0, 4); // backward overlap
        memory.read(0, out, 0, 6);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 3, 4}, out);
    }

    @Test
    void copyChecksBothRangesBeforeCopying() {
        var memory = create(1, 1);
        memory.fill(0, (byte) 5, 16);
        assertOob(() -> memory.copyFrom(memory, 0, PAGE - 8, 16));
        assertEquals(0L, memory.load64(PAGE - 8), "spec 4.4.7.14: nothing copied");
        assertOob(() -> memory.copyFrom(memory, PAGE - 8, 0, 16));
        assertEquals(0x0505050505050505L, memory.load64(0));
        memory.copyFrom(memory, PAGE, PAGE, 0);
        assertOob(() -> memory.copyFrom(memory, PAGE + 1, 0, 0));
    }

    @Test
    void copiesBetweenMemories() {
        var a = create(1, 1);
        var b = create(1, 1);
        a.store64(8, 0x1122334455667788L);
        b.copyFrom(a, 8, 16, 8);
        assertEquals(0x1122334455667788L, b.load64(16));
        assertEquals(0L, a.load64(16));
    }

    @Test
    void onePageSizeMemoriesCountBytes() {
        var type = new MemoryType(new Limits(5, 9), AddressType.I32, true, 0);
        var memory = create(type, MemoryBudget.unlimited());
        assertEquals(5, memory.byteSize());
        memory.store8(4, (byte) 3);
        assertOob(() -> memory.load8(5));
        assertOob(() -> memory.load16(4));
        assertEquals(3, memory.atomicRmw(RmwOp.ADD, 1, 4, 1), "atomic on the last byte of an odd size");
        assertEquals(4, memory.load8(4));
        assertEquals(5, memory.grow(4));
        assertEquals(9, memory.byteSize());
        assertEquals(-1, memory.grow(1));
    }

    @Test
    void budgetLimitsCommittedBytes() {
        var budget = new MemoryBudget(2 * PAGE, null);
        var memory = create(MemoryType.of(1, 10), budget);
        assertEquals(PAGE, budget.committed());
        assertEquals(1, memory.grow(1));
        assertEquals(2 * PAGE, budget.committed());
        assertEquals(-1, memory.grow(1), "past the engine's limit");
        assertEquals(2, memory.pages());
        assertThrows(JwasmException.class, () -> create(MemoryType.of(1, 1), budget));
        assertEquals(2 * PAGE, budget.committed(), "a refused memory reserves nothing");
        memory.close();
        assertEquals(0, budget.committed(), "close releases every committed byte");
    }

    @Test
    void listenerSeesAndMayVetoGrowth() {
        var seen = new ArrayList<long[]>();
        var budget = new MemoryBudget(MemoryBudget.UNLIMITED, (oldBytes, newBytes, engine) -> {
            seen.add(new long[] {oldBytes, newBytes, engine});
            return newBytes <= 2 * PAGE;
        });
        var memory = create(MemoryType.of(1, 10), budget);
        assertEquals(1, memory.grow(1));
        assertEquals(-1, memory.grow(1), "vetoed");
        assertEquals(2, memory.pages());
        assertArrayEquals(new long[] {0, PAGE, 0}, seen.get(0));
        assertArrayEquals(new long[] {PAGE, 2 * PAGE, PAGE}, seen.get(1));
        assertArrayEquals(new long[] {2 * PAGE, 3 * PAGE, 2 * PAGE}, seen.get(2));
        assertEquals(2 * PAGE, budget.committed());
    }

    @Test
    void closeIsIdempotentAndLaterAccessFails() {
        var budget = MemoryBudget.unlimited();
        var memory = create(MemoryType.of(1, 2), budget);
        memory.store32(0, 42);
        memory.close();
        memory.close();
        assertTrue(memory.isClosed());
        assertEquals(0, budget.committed());
        assertOob(() -> memory.load32(0));
        assertEquals(-1, memory.grow(1));
        var host = Internals.memory(memory);
        var error = assertThrows(JwasmException.class, () -> host.readI32(0));
        assertEquals("memory is closed", error.getMessage());
        var again = create(MemoryType.of(1, 2), budget);
        assertEquals(0, again.load32(0), "a new memory starts zeroed");
        assertFalse(again.isClosed());
    }

    @Test
    void thousandMemoriesLeaveNothingCommitted() {
        var budget = MemoryBudget.unlimited();
        for (int i = 0; i < 1000; i++) {
            try (var memory = newMemory(MemoryType.of(1, 4), budget)) {
                memory.store32(i * 4L, i);
                assertEquals(1, memory.grow(1));
            }
        }
        assertEquals(0, budget.committed());
    }

    @Test
    void hostViewReadsAndWritesNumbersAndStrings() {
        var host = Internals.memory(create(1, 2));
        assertEquals(7, host.writeString(10, "héllo "), "é is two bytes in UTF-8");
        assertEquals("héllo ", host.readString(10, 7));
        host.writeI32(100, 0x01020304);
        assertArrayEquals(new byte[] {4, 3, 2, 1}, host.readBytes(100, 4));
        host.writeF64(200, Math.PI);
        assertEquals(Math.PI, host.readF64(200));
        host.writeI64(300, -5);
        assertEquals(-5, host.readI64(300));
        assertOob(() -> host.readBytes(PAGE - 1, 2));
        assertEquals(1, host.grow(1));
        assertEquals(2 * PAGE, host.byteSize());
    }

    // ---- atomics (threads proposal) ----

    @Test
    void atomicLoadsAndStoresOfEveryWidth() {
        var memory = create(shared(1, 1), MemoryBudget.unlimited());
        memory.atomicStore(8, 0, 0x8877665544332211L);
        assertEquals(0x8877665544332211L, memory.atomicLoad(8, 0));
        assertEquals(0x44332211L, memory.atomicLoad(4, 0), "zero-extended, little-endian");
        assertEquals(0x8877L, memory.atomicLoad(2, 6));
        assertEquals(0x88L, memory.atomicLoad(1, 7));
        memory.atomicStore(1, 5, 0x1FF);
        assertEquals(0x8877FF5544332211L, memory.load64(0));
        memory.atomicStore(2, 2, 0xABCD);
        assertEquals(0xABCD2211, memory.load32(0));
    }

    @Test
    void readModifyWriteReturnsTheOldValue() {
        var memory = create(shared(1, 1), MemoryBudget.unlimited());
        memory.store32(0, 0xF0F0_00FF);
        assertEquals(0xF0F0_00FFL, memory.atomicRmw(RmwOp.ADD, 4, 0, 1));
        assertEquals(0xF0F0_0100, memory.load32(0));
        assertEquals(0xF0F0_0100L, memory.atomicRmw(RmwOp.SUB, 4, 0, 0x101));
        assertEquals(0xF0EF_FFFF, memory.load32(0));
        assertEquals(0xFFL, memory.atomicRmw(RmwOp.ADD, 1, 0, 1), "8-bit add wraps within its byte");
        assertEquals(0xF0EF_FF00, memory.load32(0));
        assertEquals(0xF0EFL, memory.atomicRmw(RmwOp.AND, 2, 2, 0x0FF0));
        assertEquals(0x00E0_FF00, memory.load32(0));
        assertEquals(0xFF00L, memory.atomicRmw(RmwOp.OR, 2, 0, 0x00F0));
        assertEquals(0xFFF0L, memory.atomicRmw(RmwOp.XOR, 2, 0, 0xFFFF));
        assertEquals(0x00E0_000F, memory.load32(0));
        assertEquals(0x00E0_000FL, memory.atomicRmw(RmwOp.XCHG, 4, 0, 7));
        memory.store64(8, -1);
        assertEquals(-1L, memory.atomicRmw(RmwOp.ADD, 8, 8, 2));
        assertEquals(1L, memory.load64(8));
    }

    @Test
    void compareExchangeComparesTheTruncatedExpectation() {
        var memory = create(shared(1, 1), MemoryBudget.unlimited());
        memory.store32(0, 0x1234_5678);
        assertEquals(0x78L, memory.atomicCmpxchg(1, 0, 0x178, 0xAA), "expected 0x178 wraps to 0x78");
        assertEquals(0x1234_56AA, memory.load32(0));
        assertEquals(0x56AAL, memory.atomicCmpxchg(2, 0, 0x1111, 0));
        assertEquals(0x1234_56AA, memory.load32(0), "no store when the value differs");
        assertEquals(0x1234L, memory.atomicCmpxchg(2, 2, 0x1234, 0x4321));
        assertEquals(0x4321_56AA, memory.load32(0));
        assertEquals(0x4321_56AAL, memory.atomicCmpxchg(4, 0, 0x4321_56AA, 1));
        assertEquals(0L, memory.atomicCmpxchg(8, 8, 0, -1));
        assertEquals(-1L, memory.load64(8));
    }

    @Test
    void atomicsTrapWhenUnalignedThenWhenOutOfBounds() {
        var memory = create(shared(1, 1), MemoryBudget.unlimited());
        assertTrap(TrapKind.UNALIGNED_ATOMIC, () -> memory.atomicLoad(4, 2));
        assertTrap(TrapKind.UNALIGNED_ATOMIC, () -> memory.atomicRmw(RmwOp.ADD, 8, 4, 1));
        assertTrap(TrapKind.UNALIGNED_ATOMIC, () -> memory.atomicCmpxchg(2, 1, 0, 0));
        assertTrap(TrapKind.UNALIGNED_ATOMIC, () -> memory.atomicLoad(4, PAGE + 1));
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> memory.atomicLoad(4, PAGE));
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> memory.atomicStore(1, PAGE, 0));
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> memory.atomicLoad(8, 0x1_0000_0000L));
        assertTrap(TrapKind.OUT_OF_BOUNDS_MEMORY, () -> memory.atomicNotify(PAGE, 1));
        memory.atomicStore(8, PAGE - 8, 3);
        assertEquals(3, memory.atomicLoad(8, PAGE - 8));
    }

    @Test
    void concurrentAddsAreNotLost() throws InterruptedException {
        var memory = create(shared(1, 1), MemoryBudget.unlimited());
        var threads = new ArrayList<Thread>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5000; i++) {
                    memory.atomicRmw(RmwOp.ADD, 1, 1, 1); // neighbouring bytes of one word
                    memory.atomicRmw(RmwOp.ADD, 2, 2, 1);
                    memory.atomicRmw(RmwOp.ADD, 8, 8, 1);
                }
            }));
        }
        for (var thread : threads) {
            thread.join();
        }
        assertEquals(20000 & 0xFF, memory.load8(1) & 0xFF);
        assertEquals(20000, memory.load16(2));
        assertEquals(0, memory.load8(0), "a neighbour's updates never leak into this byte");
        assertEquals(20000L, memory.load64(8));
    }

    @Test
    void sharedMemoryGrowsWithoutLosingConcurrentUpdates() throws InterruptedException {
        var memory = create(shared(1, 16), MemoryBudget.unlimited());
        var worker = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 20000; i++) {
                memory.atomicRmw(RmwOp.ADD, 4, 64, 1);
            }
        });
        for (int page = 1; page < 16; page++) {
            assertEquals(page, memory.grow(1));
            memory.atomicStore(4, page * PAGE, page);
        }
        worker.join();
        assertEquals(20000, memory.atomicLoad(4, 64), "no update lost while the memory grew");
        for (int page = 1; page < 16; page++) {
            assertEquals(page, memory.load32(page * PAGE));
        }
    }

    @Test
    void waitAndNotify() throws InterruptedException {
        assertTrap(TrapKind.EXPECTED_SHARED_MEMORY, () -> create(1, 1).atomicWait(4, 0, 0, 0));
        var memory = create(shared(1, 1), MemoryBudget.unlimited());
        assertEquals(1, memory.atomicWait(4, 0, 5, -1), "not-equal returns at once");
        assertEquals(2, memory.atomicWait(8, 0, 0, 1_000_000), "times out");
        assertEquals(0, memory.atomicNotify(0, 1), "nobody waiting");
        var started = new CountDownLatch(1);
        var result = new AtomicInteger(-1);
        var failure = new AtomicReference<Throwable>();
        var waiter = Thread.ofPlatform().start(() -> {
            started.countDown();
            try {
                result.set(memory.atomicWait(4, 16, 0, -1));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        started.await();
        int woken = 0;
        while (woken == 0 && waiter.isAlive()) { // the waiter may not be queued yet
            woken = memory.atomicNotify(16, 5);
            Thread.onSpinWait();
        }
        waiter.join(10_000);
        assertEquals(1, woken);
        assertEquals(0, result.get());
        assertEquals(null, failure.get());
    }

    /** Runs {@code body} on a new platform thread and returns what it returned or threw. */
    private static Thread background(AtomicReference<Object> outcome, ThrowingSupplier body) {
        return Thread.ofPlatform().start(() -> {
            try {
                outcome.set(body.get());
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
    }

    private interface ThrowingSupplier {
        Object get() throws Throwable;
    }

    /**
     * Waits until {@code waiter} is parked in a wait: it parks only after joining the queue, and a
     * parked thread shows as WAITING or TIMED_WAITING (the queue itself is private).
     */
    private static void awaitWaiters(Thread waiter) throws InterruptedException {
        long give = System.nanoTime() + 10_000_000_000L;
        while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < give, "the waiter never blocked");
            Thread.sleep(1);
        }
    }

    @Test
    void aStoreInterruptWakesAWaiterThatWouldWaitForever() throws InterruptedException {
        var memory = create(shared(1, 1), MemoryBudget.unlimited());
        var store = new StoreState();
        var outcome = new AtomicReference<Object>();
        var waiter = background(outcome, () -> memory.atomicWait(4, 0, 0, -1, store));
        awaitWaiters(waiter);
        store.requestInterrupt();
        waiter.join(10_000);
        assertFalse(waiter.isAlive(), "the interrupt ended the wait");
        var trap = assertInstanceOf(Trap.class, outcome.get());
        assertEquals(TrapKind.INTERRUPTED, trap.kind());
        assertEquals(0, memory.atomicNotify(0, 1), "the interrupted waiter left the queue");
    }

    @Test
    void aStoreDeadlineEndsAWaitWithItsTrap() throws InterruptedException {
        var memory = create(shared(1, 1), MemoryBudget.unlimited());
        var store = new StoreState();
        store.setDeadline(50_000_000); // 50 ms
        var outcome = new AtomicReference<Object>();
        var waiter = background(outcome, () -> memory.atomicWait(8, 8, 0, -1, store));
        waiter.join(10_000);
        var trap = assertInstanceOf(Trap.class, outcome.get());
        assertEquals(TrapKind.DEADLINE_EXCEEDED, trap.kind());
        store.close();
    }

    @Test
    void aTimedWaitTimesOutAfterItsTimeoutAndNotBefore() {
        var memory = create(shared(1, 1), MemoryBudget.unlimited());
        var store = new StoreState();
        long start = System.nanoTime();
        assertEquals(2, memory.atomicWait(4, 0, 0, 30_000_000, store));
        assertTrue(System.nanoTime() - start >= 30_000_000, "waited at least the 30 ms timeout");
    }

    @Test
    void notifyWakesTheOldestWaitersOfItsAddressOnly() throws InterruptedException {
        var memory = create(shared(1, 1), MemoryBudget.unlimited());
        var store = new StoreState();
        var first = new AtomicReference<Object>();
        var second = new AtomicReference<Object>();
        var other = new AtomicReference<Object>();
        var a = background(first, () -> memory.atomicWait(4, 32, 0, -1, store));
        awaitWaiters(a);
        var b = background(second, () -> memory.atomicWait(4, 32, 0, -1, store));
        awaitWaiters(b);
        var c = background(other, () -> memory.atomicWait(4, 36, 0, -1, store));
        awaitWaiters(c);
        assertEquals(1, memory.atomicNotify(32, 1));
        a.join(10_000);
        assertEquals(0, first.get(), "the first waiter on 32 was woken");
        assertTrue(b.isAlive() && c.isAlive(), "the second waiter and the one on 36 still wait");
        assertEquals(1, memory.atomicNotify(32, 5), "one left on 32");
        assertEquals(1, memory.atomicNotify(36, -1L & 0xFFFF_FFFFL));
        b.join(10_000);
        c.join(10_000);
        assertEquals(0, second.get());
        assertEquals(0, other.get());
    }

    @Test
    void aGrowIsSeenBySizeOnAnotherThread() throws InterruptedException {
        var memory = create(shared(1, 4), MemoryBudget.unlimited());
        var outcome = new AtomicReference<Object>();
        var watcher = background(outcome, () -> {
            long give = System.nanoTime() + 10_000_000_000L;
            while (memory.pages() == 1) { // no synchronization but the size's own publication
                if (System.nanoTime() > give) {
                    return "never saw the grow";
                }
            }
            memory.atomicStore(4, PAGE + 4, 7); // the new page is usable at once
            return memory.atomicLoad(4, PAGE + 4);
        });
        Thread.sleep(20);
        assertEquals(1, memory.grow(1));
        watcher.join(15_000);
        assertEquals(7L, outcome.get());
    }

    @Test
    void everyReadModifyWriteOfWords() {
        var memory = create(shared(1, 1), MemoryBudget.unlimited());
        // {op, old, operand, new} for 32-bit words; the results are written out by hand.
        long[][] words = {
            {RmwOp.ADD.ordinal(), 0xFFFF_FFFFL, 2, 1},
            {RmwOp.SUB.ordinal(), 1, 2, 0xFFFF_FFFFL},
            {RmwOp.AND.ordinal(), 0xF0F0_F0F0L, 0x0FF0_0FF0L, 0x00F0_00F0L},
            {RmwOp.OR.ordinal(), 0xF000_0001L, 0x0000_0F00L, 0xF000_0F01L},
            {RmwOp.XOR.ordinal(), 0xFFFF_0000L, 0x0F0F_0F0FL, 0xF0F0_0F0FL},
            {RmwOp.XCHG.ordinal(), 0x1234_5678L, 0x8765_4321L, 0x8765_4321L},
        };
        for (long[] c : words) {
            var op = RmwOp.values()[(int) c[0]];
            memory.atomicStore(4, 16, c[1]);
            assertEquals(c[1], memory.atomicRmw(op, 4, 16, c[2]), op + " returns the old word");
            assertEquals(c[3], memory.atomicLoad(4, 16), op + " stores the new word");
            assertEquals(0, memory.load32(20), op + " leaves the next word alone");
        }
        long[][] doubles = {
            {RmwOp.ADD.ordinal(), -1L, 2, 1},
            {RmwOp.SUB.ordinal(), 0, 1, -1L},
            {RmwOp.AND.ordinal(), 0xFF00_FF00_FF00_FF00L, 0x0FF0_0FF0_0FF0_0FF0L, 0x0F00_0F00_0F00_0F00L},
            {RmwOp.OR.ordinal(), 0x8000_0000_0000_0000L, 1, 0x8000_0000_0000_0001L},
            {RmwOp.XOR.ordinal(), 0xFFFF_FFFF_0000_0000L, 0xFFFF_FFFF_FFFF_FFFFL, 0x0000_0000_FFFF_FFFFL},
            {RmwOp.XCHG.ordinal(), 5, 0x1122_3344_5566_7788L, 0x1122_3344_5566_7788L},
        };
        for (long[] c : doubles) {
            var op = RmwOp.values()[(int) c[0]];
            memory.atomicStore(8, 32, c[1]);
            assertEquals(c[1], memory.atomicRmw(op, 8, 32, c[2]), op + " returns the old doubleword");
            assertEquals(c[3], memory.atomicLoad(8, 32), op + " stores the new doubleword");
        }
    }
}
