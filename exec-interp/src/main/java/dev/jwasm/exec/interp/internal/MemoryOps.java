package dev.jwasm.exec.interp.internal;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.spi.LinearMemory;

/** Loads and stores of every width (spec 4.4.7), outside the dispatch loop. */
final class MemoryOps {
    /** Set in an instruction's memory operand when the memory is 64-bit (memory64). */
    static final int MEMORY64 = 1 << 31;

    private MemoryOps() {}

    /**
     * The effective address (spec 4.4.7.1): a 32-bit address is zero-extended, so adding a u32
     * offset cannot overflow; a 64-bit sum that wraps is out of bounds.
     */
    static long address(long operand, int memFlags, long offset) {
        if ((memFlags & MEMORY64) == 0) {
            return (operand & 0xFFFF_FFFFL) + offset;
        }
        long ea = operand + offset;
        if (Long.compareUnsigned(ea, operand) < 0) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
        }
        return ea;
    }

    static long load(int ordinal, LinearMemory m, long ea) {
        return switch (NumericOps.opcode(ordinal)) {
            case I32_LOAD, F32_LOAD -> m.load32(ea);
            case I64_LOAD, F64_LOAD -> m.load64(ea);
            case I32_LOAD8_S, I64_LOAD8_S -> m.load8(ea);
            case I32_LOAD8_U, I64_LOAD8_U -> m.load8(ea) & 0xFFL;
            case I32_LOAD16_S, I64_LOAD16_S -> m.load16(ea);
            case I32_LOAD16_U, I64_LOAD16_U -> m.load16(ea) & 0xFFFFL;
            case I64_LOAD32_S -> m.load32(ea);
            case I64_LOAD32_U -> m.load32(ea) & 0xFFFF_FFFFL;
            default -> throw new IllegalStateException("not a load: " + NumericOps.opcode(ordinal));
        };
    }

    static void store(int ordinal, LinearMemory m, long ea, long value) {
        switch (NumericOps.opcode(ordinal)) {
            case I32_STORE, F32_STORE, I64_STORE32 -> m.store32(ea, (int) value);
            case I64_STORE, F64_STORE -> m.store64(ea, value);
            case I32_STORE8, I64_STORE8 -> m.store8(ea, (byte) value);
            case I32_STORE16, I64_STORE16 -> m.store16(ea, (short) value);
            default -> throw new IllegalStateException("not a store: " + NumericOps.opcode(ordinal));
        }
    }
}
