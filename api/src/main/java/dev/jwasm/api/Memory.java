package dev.jwasm.api;

import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.LinearMemory;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A host's view of a linear memory: bounds-checked reads and writes of bytes, little-endian
 * numbers and UTF-8 strings. It copies in and out and never hands out the memory's storage, so
 * nothing the host holds outlives the memory. Out-of-range addresses throw a {@link Trap} with
 * kind {@code OUT_OF_BOUNDS_MEMORY}; use after the memory is closed throws {@link JwasmException}.
 * It is what {@link Instance#memory(String)} returns; two handles are equal when they name the
 * same memory.
 */
public final class Memory {
    private final LinearMemory memory;

    Memory(LinearMemory memory) {
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    /**
     * A memory owned by the host, to {@linkplain Linker#define(String, String, Memory) define} as an
     * import: made by the engine's memory backend within its limits, with its minimum size
     * committed and zeroed, and closed with {@code store}.
     *
     * @throws JwasmException if the engine's memory limit does not allow it
     */
    public static Memory create(Store store, MemoryType type) {
        Objects.requireNonNull(type, "type");
        var engine = store.engine();
        var memory = engine.memoryProvider().create(type, engine.memoryBudget());
        store.state().own(memory);
        return new Memory(memory);
    }

    public MemoryType type() {
        return memory.type();
    }

    /** Current size in pages of the memory's page size. */
    public long pages() {
        return open().pages();
    }

    /** Current size in bytes. */
    public long byteSize() {
        return open().byteSize();
    }

    /** Grows by {@code deltaPages}; the old size in pages, or -1 if the memory cannot grow that far. */
    public long grow(long deltaPages) {
        return open().grow(deltaPages);
    }

    public byte[] readBytes(long addr, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative: " + length);
        }
        var bytes = new byte[length];
        open().read(addr, bytes, 0, length);
        return bytes;
    }

    public void read(long addr, byte[] dst, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, dst.length);
        open().read(addr, dst, offset, length);
    }

    public void write(long addr, byte[] src) {
        open().write(addr, src, 0, src.length);
    }

    public void write(long addr, byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        open().write(addr, src, offset, length);
    }

    /** Decodes {@code length} bytes at {@code addr} as UTF-8 (malformed input becomes U+FFFD). */
    public String readString(long addr, int length) {
        return new String(readBytes(addr, length), StandardCharsets.UTF_8);
    }

    /** Writes {@code s} as UTF-8 without a terminator; returns the number of bytes written. */
    public int writeString(long addr, String s) {
        var bytes = s.getBytes(StandardCharsets.UTF_8);
        write(addr, bytes);
        return bytes.length;
    }

    public byte readI8(long addr) {
        return open().load8(addr);
    }

    public short readI16(long addr) {
        return open().load16(addr);
    }

    public int readI32(long addr) {
        return open().load32(addr);
    }

    public long readI64(long addr) {
        return open().load64(addr);
    }

    public float readF32(long addr) {
        return open().loadF32(addr);
    }

    public double readF64(long addr) {
        return open().loadF64(addr);
    }

    public void writeI8(long addr, byte value) {
        open().store8(addr, value);
    }

    public void writeI16(long addr, short value) {
        open().store16(addr, value);
    }

    public void writeI32(long addr, int value) {
        open().store32(addr, value);
    }

    public void writeI64(long addr, long value) {
        open().store64(addr, value);
    }

    public void writeF32(long addr, float value) {
        open().storeF32(addr, value);
    }

    public void writeF64(long addr, double value) {
        open().storeF64(addr, value);
    }

    /** {@code memory.fill}: all or nothing. */
    public void fill(long addr, byte value, long length) {
        open().fill(addr, value, length);
    }

    LinearMemory linear() {
        return memory;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Memory m && m.memory == memory;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(memory);
    }

    @Override
    public String toString() {
        return "Memory[" + memory.type() + "]";
    }

    private LinearMemory open() {
        if (memory.isClosed()) {
            throw new JwasmException("memory is closed");
        }
        return memory;
    }
}
