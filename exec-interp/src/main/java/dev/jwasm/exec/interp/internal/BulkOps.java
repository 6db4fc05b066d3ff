package dev.jwasm.exec.interp.internal;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.TableInstance;

/**
 * Table, bulk-memory and segment instructions (spec 4.4.6, 4.4.7.12-16), run outside the dispatch
 * loop. Operands sit in consecutive stack slots from {@code at}; a result replaces the first.
 */
public final class BulkOps {
    private BulkOps() {}

    /** The operands an instruction pops and the results it pushes, for the lowering's height. */
    static int pops(Opcode op) {
        return switch (op) {
            case MEMORY_FILL, MEMORY_COPY, MEMORY_INIT, TABLE_FILL, TABLE_COPY, TABLE_INIT -> 3;
            case TABLE_SET, TABLE_GROW -> 2;
            case TABLE_GET -> 1;
            default -> 0;
        };
    }

    static int pushes(Opcode op) {
        return switch (op) {
            case TABLE_GET, TABLE_SIZE, TABLE_GROW -> 1;
            default -> 0;
        };
    }

    private static long memOperand(LinearMemory m, long value) {
        return m.type().addressType() == AddressType.I32 ? value & 0xFFFF_FFFFL : value;
    }

    private static long tableOperand(TableInstance t, long value) {
        return t.type().addressType() == AddressType.I32 ? value & 0xFFFF_FFFFL : value;
    }

    /** An unsigned 64-bit index beyond int range is simply out of bounds: map it to -1. */
    private static long index(long unsigned) {
        return unsigned < 0 ? -1 : unsigned;
    }

    /**
     * Runs the table/bulk-memory/segment operation {@code ordinal} (the interpreter's BULK) with
     * immediates {@code a}, {@code b} on the operands in {@code s} from {@code at}.
     */
    static void execute(int ordinal, int a, int b, long[] s, int at, InstanceState inst) {
        switch (NumericOps.opcode(ordinal)) {
            case MEMORY_FILL -> memoryFill(a, b, s, at, inst);
            case MEMORY_COPY -> memoryCopy(a, b, s, at, inst);
            case MEMORY_INIT -> memoryInit(a, b, s, at, inst);
            case DATA_DROP -> dataDrop(a, b, s, at, inst);
            case ELEM_DROP -> elemDrop(a, b, s, at, inst);
            case TABLE_GET -> tableGet(a, b, s, at, inst);
            case TABLE_SET -> tableSet(a, b, s, at, inst);
            case TABLE_SIZE -> tableSize(a, b, s, at, inst);
            case TABLE_GROW -> tableGrow(a, b, s, at, inst);
            case TABLE_FILL -> tableFill(a, b, s, at, inst);
            case TABLE_COPY -> tableCopy(a, b, s, at, inst);
            case TABLE_INIT -> tableInit(a, b, s, at, inst);
            default -> throw new IllegalStateException("not a bulk operation: " + NumericOps.opcode(ordinal));
        }
    }

    /**
     * The name of the method here that runs {@code op}, or null if it is no bulk operation; each
     * takes {@code (int a, int b, long[] s, int at, InstanceState inst)}, so the JIT calls the
     * operation's own method directly.
     */
    public static String methodOf(Opcode op) {
        return switch (op) {
            case MEMORY_FILL -> "memoryFill";
            case MEMORY_COPY -> "memoryCopy";
            case MEMORY_INIT -> "memoryInit";
            case DATA_DROP -> "dataDrop";
            case ELEM_DROP -> "elemDrop";
            case TABLE_GET -> "tableGet";
            case TABLE_SET -> "tableSet";
            case TABLE_SIZE -> "tableSize";
            case TABLE_GROW -> "tableGrow";
            case TABLE_FILL -> "tableFill";
            case TABLE_COPY -> "tableCopy";
            case TABLE_INIT -> "tableInit";
            default -> null;
        };
    }

    public static void memoryFill(int a, int b, long[] s, int at, InstanceState inst) {
        LinearMemory m = inst.memories[a];
        m.fill(memOperand(m, s[at]), (byte) s[at + 1], memOperand(m, s[at + 2]));
    }

    public static void memoryCopy(int a, int b, long[] s, int at, InstanceState inst) {
        LinearMemory dst = inst.memories[a];
        LinearMemory src = inst.memories[b];
        long n = dst.type().addressType() == AddressType.I32 || src.type().addressType() == AddressType.I32
                ? s[at + 2] & 0xFFFF_FFFFL
                : s[at + 2];
        dst.copyFrom(src, memOperand(src, s[at + 1]), memOperand(dst, s[at]), n);
    }

    public static void memoryInit(int a, int b, long[] s, int at, InstanceState inst) {
        byte[] data = inst.datas[a].bytes();
        LinearMemory m = inst.memories[b];
        long d = memOperand(m, s[at]);
        long from = s[at + 1] & 0xFFFF_FFFFL;
        long n = s[at + 2] & 0xFFFF_FFFFL;
        if (from + n > data.length || Long.compareUnsigned(d, m.byteSize()) > 0 || n > m.byteSize() - d) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
        }
        m.write(d, data, (int) from, (int) n);
    }

    public static void dataDrop(int a, int b, long[] s, int at, InstanceState inst) {
        inst.datas[a].drop();
    }

    public static void elemDrop(int a, int b, long[] s, int at, InstanceState inst) {
        inst.elements[a].drop();
    }

    public static void tableGet(int a, int b, long[] s, int at, InstanceState inst) {
        TableInstance t = inst.tables[a];
        s[at] = t.get(index(tableOperand(t, s[at])));
    }

    public static void tableSet(int a, int b, long[] s, int at, InstanceState inst) {
        TableInstance t = inst.tables[a];
        t.set(index(tableOperand(t, s[at])), s[at + 1]);
    }

    public static void tableSize(int a, int b, long[] s, int at, InstanceState inst) {
        s[at] = inst.tables[a].size();
    }

    public static void tableGrow(int a, int b, long[] s, int at, InstanceState inst) {
        TableInstance t = inst.tables[a];
        long old = t.grow(index(tableOperand(t, s[at + 1])), s[at]);
        s[at] = t.type().addressType() == AddressType.I32 ? (int) old : old;
    }

    public static void tableFill(int a, int b, long[] s, int at, InstanceState inst) {
        TableInstance t = inst.tables[a];
        t.fill(index(tableOperand(t, s[at])), s[at + 1], index(tableOperand(t, s[at + 2])));
    }

    public static void tableCopy(int a, int b, long[] s, int at, InstanceState inst) {
        TableInstance dst = inst.tables[a];
        TableInstance src = inst.tables[b];
        dst.copyFrom(
                src,
                index(tableOperand(src, s[at + 1])),
                index(tableOperand(dst, s[at])),
                index(s[at + 2] & (dst.type().addressType() == AddressType.I32 ? 0xFFFF_FFFFL : -1L)));
    }

    public static void tableInit(int a, int b, long[] s, int at, InstanceState inst) {
        TableInstance t = inst.tables[b];
        t.init(
                index(tableOperand(t, s[at])),
                inst.elements[a].refs(),
                s[at + 1] & 0xFFFF_FFFFL,
                s[at + 2] & 0xFFFF_FFFFL,
                TrapKind.OUT_OF_BOUNDS_TABLE);
    }
}
