package dev.jwasm.spi;

import dev.jwasm.spi.LinearMemory.RmwOp;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Lock-free 32- and 64-bit atomics over a {@link MemorySegment}, for backends whose storage admits
 * the aligned layouts' atomic access modes (a {@code long[]}-backed or native segment). Static
 * methods on constant {@link VarHandle}s, so a memory's {@code rmw32}/{@code compareExchange32}...
 * overrides stay monomorphic calls that HotSpot inlines.
 *
 * <p>The caller has checked alignment and bounds ({@link LinearMemory} does before calling its
 * hooks), so the aligned handles never see a misaligned or out-of-range offset. Little-endian, as
 * wasm memory is (spec 4.4.7).
 */
public final class SegmentAtomics {
    private static final VarHandle INT =
            ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final VarHandle LONG =
            ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    private SegmentAtomics() {}

    /** Applies {@code op} to the 32-bit word at {@code addr}; returns the old value. */
    public static int rmw32(MemorySegment seg, RmwOp op, long addr, int operand) {
        return switch (op) {
            case ADD -> (int) INT.getAndAdd(seg, addr, operand);
            case SUB -> (int) INT.getAndAdd(seg, addr, -operand);
            case AND -> (int) INT.getAndBitwiseAnd(seg, addr, operand);
            case OR -> (int) INT.getAndBitwiseOr(seg, addr, operand);
            case XOR -> (int) INT.getAndBitwiseXor(seg, addr, operand);
            case XCHG -> (int) INT.getAndSet(seg, addr, operand);
        };
    }

    /** Applies {@code op} to the 64-bit word at {@code addr}; returns the old value. */
    public static long rmw64(MemorySegment seg, RmwOp op, long addr, long operand) {
        return switch (op) {
            case ADD -> (long) LONG.getAndAdd(seg, addr, operand);
            case SUB -> (long) LONG.getAndAdd(seg, addr, -operand);
            case AND -> (long) LONG.getAndBitwiseAnd(seg, addr, operand);
            case OR -> (long) LONG.getAndBitwiseOr(seg, addr, operand);
            case XOR -> (long) LONG.getAndBitwiseXor(seg, addr, operand);
            case XCHG -> (long) LONG.getAndSet(seg, addr, operand);
        };
    }

    public static int compareExchange32(MemorySegment seg, long addr, int expected, int value) {
        return (int) INT.compareAndExchange(seg, addr, expected, value);
    }

    public static long compareExchange64(MemorySegment seg, long addr, long expected, long value) {
        return (long) LONG.compareAndExchange(seg, addr, expected, value);
    }

    public static int load32(MemorySegment seg, long addr) {
        return (int) INT.getVolatile(seg, addr);
    }

    public static long load64(MemorySegment seg, long addr) {
        return (long) LONG.getVolatile(seg, addr);
    }

    public static void store32(MemorySegment seg, long addr, int value) {
        INT.setVolatile(seg, addr, value);
    }

    public static void store64(MemorySegment seg, long addr, long value) {
        LONG.setVolatile(seg, addr, value);
    }
}
