package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.I2B;
import static net.bytebuddy.jar.asm.Opcodes.I2L;
import static net.bytebuddy.jar.asm.Opcodes.I2S;
import static net.bytebuddy.jar.asm.Opcodes.L2I;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.exec.interp.internal.IrOp;
import java.util.EnumMap;
import java.util.Map;

/**
 * How each scalar load and store (spec 4.4.7) is compiled: one call of the memory's accessor of
 * that width ({@code invokevirtual} on the SPI's {@code LinearMemory}), with the extension a
 * narrow load needs. The interpreter's {@code MemoryOps} does the same per opcode.
 */
final class Memory {
    /**
     * {@code method}/{@code desc} is the accessor; {@code before} runs on the value before a store,
     * {@code after} on the loaded value (ending as a long); a non-zero {@code mask} is then and-ed
     * (zero extension).
     */
    record Access(Opcode wasm, boolean load, String method, String desc, int[] before, int[] after, long mask) {}

    private static final Map<Opcode, Access> TABLE = table();

    private Memory() {}

    /**
     * The scalar load or store of the IR operation at {@code pc} (a generic LOAD/STORE's carried
     * opcode, or a specific operation's own), or null if it is none.
     */
    static Access accessAt(int[] code, int pc) {
        IrOp op = IrOp.at(code, pc);
        return switch (op) {
            case LOAD, STORE -> of(op.carried(code, pc));
            default -> op.generic() || op.wasm() == null ? null : of(op.wasm());
        };
    }

    /** The access {@code op} compiles to, or null if it is no scalar load or store. */
    static Access of(Opcode op) {
        return TABLE.get(op);
    }

    private static Map<Opcode, Access> table() {
        var t = new EnumMap<Opcode, Access>(Opcode.class);
        int[] none = {};
        int[] toLong = {I2L};
        for (Opcode op : new Opcode[] {Opcode.I32_LOAD, Opcode.F32_LOAD, Opcode.I64_LOAD32_S}) {
            t.put(op, new Access(op, true, "load32", "(J)I", none, toLong, 0));
        }
        t.put(Opcode.I64_LOAD32_U, new Access(Opcode.I64_LOAD32_U, true, "load32", "(J)I", none, toLong, 0xFFFF_FFFFL));
        for (Opcode op : new Opcode[] {Opcode.I64_LOAD, Opcode.F64_LOAD}) {
            t.put(op, new Access(op, true, "load64", "(J)J", none, none, 0));
        }
        for (Opcode op : new Opcode[] {Opcode.I32_LOAD8_S, Opcode.I64_LOAD8_S}) {
            t.put(op, new Access(op, true, "load8", "(J)B", none, toLong, 0));
        }
        for (Opcode op : new Opcode[] {Opcode.I32_LOAD8_U, Opcode.I64_LOAD8_U}) {
            t.put(op, new Access(op, true, "load8", "(J)B", none, toLong, 0xFF));
        }
        for (Opcode op : new Opcode[] {Opcode.I32_LOAD16_S, Opcode.I64_LOAD16_S}) {
            t.put(op, new Access(op, true, "load16", "(J)S", none, toLong, 0));
        }
        for (Opcode op : new Opcode[] {Opcode.I32_LOAD16_U, Opcode.I64_LOAD16_U}) {
            t.put(op, new Access(op, true, "load16", "(J)S", none, toLong, 0xFFFF));
        }
        for (Opcode op : new Opcode[] {Opcode.I32_STORE, Opcode.F32_STORE, Opcode.I64_STORE32}) {
            t.put(op, new Access(op, false, "store32", "(JI)V", new int[] {L2I}, none, 0));
        }
        for (Opcode op : new Opcode[] {Opcode.I64_STORE, Opcode.F64_STORE}) {
            t.put(op, new Access(op, false, "store64", "(JJ)V", none, none, 0));
        }
        for (Opcode op : new Opcode[] {Opcode.I32_STORE8, Opcode.I64_STORE8}) {
            t.put(op, new Access(op, false, "store8", "(JB)V", new int[] {L2I, I2B}, none, 0));
        }
        for (Opcode op : new Opcode[] {Opcode.I32_STORE16, Opcode.I64_STORE16}) {
            t.put(op, new Access(op, false, "store16", "(JS)V", new int[] {L2I, I2S}, none, 0));
        }
        return Map.copyOf(t);
    }
}
