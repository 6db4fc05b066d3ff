package dev.jwasm.exec.jit.internal;

import dev.jwasm.spi.LinearMemory;

/**
 * A memory of another class than the heap backend's, for tests of code specialised on the
 * memory's class: it forwards to a heap memory and counts the 32-bit loads it serves.
 */
public class ForwardingMemory extends LinearMemory {
    private final LinearMemory target;
    int loads32;

    ForwardingMemory(LinearMemory target) {
        super(target.type());
        this.target = target;
    }

    /** The same, as a class the generated code cannot name (nested, not public). */
    static final class Unnameable extends ForwardingMemory {
        Unnameable(LinearMemory target) {
            super(target);
        }
    }

    @Override
    public long pages() {
        return target.pages();
    }

    @Override
    public long byteSize() {
        return target.byteSize();
    }

    @Override
    public long grow(long deltaPages) {
        return target.grow(deltaPages);
    }

    @Override
    public byte load8(long addr) {
        return target.load8(addr);
    }

    @Override
    public short load16(long addr) {
        return target.load16(addr);
    }

    @Override
    public int load32(long addr) {
        loads32++;
        return target.load32(addr);
    }

    @Override
    public long load64(long addr) {
        return target.load64(addr);
    }

    @Override
    public void store8(long addr, byte value) {
        target.store8(addr, value);
    }

    @Override
    public void store16(long addr, short value) {
        target.store16(addr, value);
    }

    @Override
    public void store32(long addr, int value) {
        target.store32(addr, value);
    }

    @Override
    public void store64(long addr, long value) {
        target.store64(addr, value);
    }

    @Override
    public void read(long addr, byte[] dst, int dstOffset, int length) {
        target.read(addr, dst, dstOffset, length);
    }

    @Override
    public void write(long addr, byte[] src, int srcOffset, int length) {
        target.write(addr, src, srcOffset, length);
    }

    @Override
    public void fill(long addr, byte value, long length) {
        target.fill(addr, value, length);
    }

    @Override
    public void copyFrom(LinearMemory src, long srcAddr, long dstAddr, long length) {
        target.copyFrom(src instanceof ForwardingMemory f ? f.target : src, srcAddr, dstAddr, length);
    }

    @Override
    public void close() {
        target.close();
    }
}
