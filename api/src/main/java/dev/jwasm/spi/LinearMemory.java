package dev.jwasm.spi;

import dev.jwasm.api.model.MemoryType;

/**
 * A Wasm linear memory (spec 4.2.8). The hot accessors live here, on the memory itself, so that an
 * executor can call them on the provider's concrete final class and HotSpot inlines them.
 *
 * <p>Addresses are effective addresses (operand plus static offset) as unsigned 64-bit values: an
 * executor adds the u32 or u64 operand and the offset and traps itself when that sum overflows
 * 64 bits. Every accessor throws {@link dev.jwasm.api.Trap} with kind {@code OUT_OF_BOUNDS_MEMORY}
 * when any byte it touches lies at or past {@link #byteSize()}. Multi-byte values are
 * little-endian and need no alignment.
 */
public abstract class LinearMemory implements AutoCloseable {
    private final MemoryType type;

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

    /** Releases the memory's storage; any later access is an error. Idempotent. */
    @Override
    public abstract void close();
}
