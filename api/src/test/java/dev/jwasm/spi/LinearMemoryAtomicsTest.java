package dev.jwasm.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.Limits;
import dev.jwasm.api.model.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * The atomics LinearMemory gives a backend that overrides none of its hooks (a custom provider):
 * the lock-based defaults must be correct on their own.
 */
class LinearMemoryAtomicsTest {
    /** The least a backend must write: one page in a little-endian buffer, checked by ByteBuffer. */
    private static final class PlainMemory extends LinearMemory {
        private final ByteBuffer buffer = ByteBuffer.allocate(65536).order(ByteOrder.LITTLE_ENDIAN);

        PlainMemory(boolean shared) {
            super(new MemoryType(new Limits(1, 1), AddressType.I32, shared, 16));
        }

        private int at(long addr, int width) {
            if (addr < 0 || addr > buffer.capacity() - width) {
                throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
            }
            return (int) addr;
        }

        @Override
        public long pages() {
            return 1;
        }

        @Override
        public long byteSize() {
            return buffer.capacity();
        }

        @Override
        public long grow(long deltaPages) {
            return deltaPages == 0 ? 1 : -1;
        }

        @Override
        public byte load8(long addr) {
            return buffer.get(at(addr, 1));
        }

        @Override
        public short load16(long addr) {
            return buffer.getShort(at(addr, 2));
        }

        @Override
        public int load32(long addr) {
            return buffer.getInt(at(addr, 4));
        }

        @Override
        public long load64(long addr) {
            return buffer.getLong(at(addr, 8));
        }

        @Override
        public void store8(long addr, byte value) {
            buffer.put(at(addr, 1), value);
        }

        @Override
        public void store16(long addr, short value) {
            buffer.putShort(at(addr, 2), value);
        }

        @Override
        public void store32(long addr, int value) {
            buffer.putInt(at(addr, 4), value);
        }

        @Override
        public void store64(long addr, long value) {
            buffer.putLong(at(addr, 8), value);
        }

        @Override
        public void read(long addr, byte[] dst, int dstOffset, int length) {
            buffer.get(at(addr, length), dst, dstOffset, length);
        }

        @Override
        public void write(long addr, byte[] src, int srcOffset, int length) {
            buffer.put(at(addr, length), src, srcOffset, length);
        }

        @Override
        public void fill(long addr, byte value, long length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void copyFrom(LinearMemory src, long srcAddr, long dstAddr, long length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    @Test
    void defaultHooksGiveEveryWidthAndOperator() {
        var memory = new PlainMemory(true);
        memory.store64(0, 0x0807060504030201L);
        assertEquals(0x03L, memory.atomicLoad(1, 2));
        assertEquals(0x0403L, memory.atomicRmw(LinearMemory.RmwOp.XOR, 2, 2, 0x0F0F));
        assertEquals(0x080706050B0C0201L, memory.load64(0));
        assertEquals(0x0B0C0201L, memory.atomicCmpxchg(4, 0, 0x0B0C0201L, 0xFFFF_FFFFL));
        assertEquals(-1, memory.load32(0));
        assertEquals(0x08070605FFFFFFFFL, memory.atomicRmw(LinearMemory.RmwOp.ADD, 8, 0, 1));
        assertEquals(0x0807060600000000L, memory.atomicLoad(8, 0));
    }

    @Test
    void defaultHooksAreAtomicAcrossThreads() throws InterruptedException {
        var memory = new PlainMemory(true);
        var threads = new ArrayList<Thread>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10000; i++) {
                    memory.atomicRmw(LinearMemory.RmwOp.ADD, 2, 6, 1);
                }
            }));
        }
        for (var thread : threads) {
            thread.join();
        }
        assertEquals(40000, memory.load16(6) & 0xFFFF);
    }

    @Test
    void unalignedAndOutOfBoundsAndUnsharedTrap() {
        var memory = new PlainMemory(false);
        assertEquals(
                TrapKind.UNALIGNED_ATOMIC,
                assertThrows(Trap.class, () -> memory.atomicLoad(8, 4)).kind());
        assertEquals(
                TrapKind.OUT_OF_BOUNDS_MEMORY,
                assertThrows(Trap.class, () -> memory.atomicStore(2, 65536, 0)).kind());
        assertEquals(
                TrapKind.EXPECTED_SHARED_MEMORY,
                assertThrows(Trap.class, () -> memory.atomicWait(4, 0, 0, 0)).kind());
        assertEquals(0, memory.atomicNotify(0, 1), "notify on an unshared memory wakes nobody");
    }

    @Test
    void aStopCheckEndsAWaitAndLeavesTheQueue() {
        var memory = new PlainMemory(true);
        int[] polls = {0};
        var trap = assertThrows(
                Trap.class,
                () -> memory.atomicWait(4, 8, 0, -1, () -> {
                    if (++polls[0] == 3) {
                        throw new Trap(TrapKind.DEADLINE_EXCEEDED);
                    }
                }));
        assertEquals(TrapKind.DEADLINE_EXCEEDED, trap.kind());
        assertEquals(3, polls[0], "polled until the check threw");
        assertEquals(0, memory.atomicNotify(8, 1), "the stopped waiter is no longer queued");
    }
}
