package dev.jwasm.wasi;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.LinearMemory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A fixed-size test memory over a {@code byte[]}: just enough LinearMemory for host functions. */
final class ByteArrayMemory extends LinearMemory {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    final byte[] bytes;

    ByteArrayMemory(int pages) {
        super(MemoryType.of(pages, pages));
        bytes = new byte[pages * 65536];
    }

    private int at(long addr, long len) {
        if (addr < 0 || len < 0 || addr + len > bytes.length) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
        }
        return (int) addr;
    }

    @Override
    public long pages() {
        return bytes.length / 65536;
    }

    @Override
    public long byteSize() {
        return bytes.length;
    }

    @Override
    public long grow(long deltaPages) {
        return deltaPages == 0 ? pages() : -1;
    }

    @Override
    public byte load8(long addr) {
        return bytes[at(addr, 1)];
    }

    @Override
    public short load16(long addr) {
        return (short) I16.get(bytes, at(addr, 2));
    }

    @Override
    public int load32(long addr) {
        return (int) I32.get(bytes, at(addr, 4));
    }

    @Override
    public long load64(long addr) {
        return (long) I64.get(bytes, at(addr, 8));
    }

    @Override
    public void store8(long addr, byte value) {
        bytes[at(addr, 1)] = value;
    }

    @Override
    public void store16(long addr, short value) {
        I16.set(bytes, at(addr, 2), value);
    }

    @Override
    public void store32(long addr, int value) {
        I32.set(bytes, at(addr, 4), value);
    }

    @Override
    public void store64(long addr, long value) {
        I64.set(bytes, at(addr, 8), value);
    }

    @Override
    public void read(long addr, byte[] dst, int dstOffset, int length) {
        System.arraycopy(bytes, at(addr, length), dst, dstOffset, length);
    }

    @Override
    public void write(long addr, byte[] src, int srcOffset, int length) {
        System.arraycopy(src, srcOffset, bytes, at(addr, length), length);
    }

    @Override
    public void fill(long addr, byte value, long length) {
        int a = at(addr, length);
        Arrays.fill(bytes, a, a + (int) length, value);
    }

    @Override
    public void copyFrom(LinearMemory src, long srcAddr, long dstAddr, long length) {
        byte[] tmp = new byte[(int) length];
        src.read(srcAddr, tmp, 0, tmp.length);
        write(dstAddr, tmp, 0, tmp.length);
    }

    @Override
    public void close() {}

    /** Test helper: puts UTF-8 text at {@code addr}, returning its length in bytes. */
    int putString(long addr, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        write(addr, b, 0, b.length);
        return b.length;
    }

    String string(long addr, int len) {
        return new String(bytes, at(addr, len), len, StandardCharsets.UTF_8);
    }

    /** Test helper: writes one iovec {buf, len} at {@code addr}. */
    void iovec(long addr, int buf, int len) {
        store32(addr, buf);
        store32(addr + 4, len);
    }
}
