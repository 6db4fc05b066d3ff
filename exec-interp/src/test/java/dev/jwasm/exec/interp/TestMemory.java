package dev.jwasm.exec.interp;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A minimal bounds-checked test memory until the memory backends land; capped at 16 pages. */
final class TestMemory extends LinearMemory {
    static final MemoryProvider PROVIDER = new MemoryProvider() {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public int priority() {
            return 0;
        }

        @Override
        public LinearMemory create(MemoryType type, MemoryBudget budget) {
            return new TestMemory(type);
        }
    };

    private static final long CAP_PAGES = 16;
    private ByteBuffer bytes;

    TestMemory(MemoryType type) {
        super(type);
        bytes = ByteBuffer.allocate((int) (type.limits().min() * type.pageSize()))
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    private int check(long addr, long length) {
        if (addr < 0 || addr > bytes.capacity() - length) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
        }
        return (int) addr;
    }

    @Override
    public long pages() {
        return bytes.capacity() / type().pageSize();
    }

    @Override
    public long byteSize() {
        return bytes.capacity();
    }

    @Override
    public long grow(long deltaPages) {
        long old = pages();
        if (deltaPages < 0 || old + deltaPages > Math.min(CAP_PAGES, type().maxPagesAllowed())) {
            return -1;
        }
        byte[] grown = Arrays.copyOf(bytes.array(), (int) ((old + deltaPages) * type().pageSize()));
        bytes = ByteBuffer.wrap(grown).order(ByteOrder.LITTLE_ENDIAN);
        return old;
    }

    @Override
    public byte load8(long addr) {
        return bytes.get(check(addr, 1));
    }

    @Override
    public short load16(long addr) {
        return bytes.getShort(check(addr, 2));
    }

    @Override
    public int load32(long addr) {
        return bytes.getInt(check(addr, 4));
    }

    @Override
    public long load64(long addr) {
        return bytes.getLong(check(addr, 8));
    }

    @Override
    public void store8(long addr, byte value) {
        bytes.put(check(addr, 1), value);
    }

    @Override
    public void store16(long addr, short value) {
        bytes.putShort(check(addr, 2), value);
    }

    @Override
    public void store32(long addr, int value) {
        bytes.putInt(check(addr, 4), value);
    }

    @Override
    public void store64(long addr, long value) {
        bytes.putLong(check(addr, 8), value);
    }

    @Override
    public void read(long addr, byte[] dst, int dstOffset, int length) {
        bytes.get(check(addr, length), dst, dstOffset, length);
    }

    @Override
    public void write(long addr, byte[] src, int srcOffset, int length) {
        bytes.put(check(addr, length), src, srcOffset, length);
    }

    @Override
    public void fill(long addr, byte value, long length) {
        int at = check(addr, length);
        Arrays.fill(bytes.array(), at, at + (int) length, value);
    }

    @Override
    public void copyFrom(LinearMemory src, long srcAddr, long dstAddr, long length) {
        byte[] tmp = new byte[(int) length];
        src.read(srcAddr, tmp, 0, tmp.length);
        write(dstAddr, tmp, 0, tmp.length);
    }

    boolean closed;

    @Override
    public void close() {
        closed = true;
    }
}
