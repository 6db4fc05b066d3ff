package dev.jwasm.exec.interp.internal;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.LinearMemory.RmwOp;
import dev.jwasm.spi.runtime.InstanceState;
import java.lang.invoke.VarHandle;

/**
 * The threads proposal's atomic instructions ("Atomic Memory Accesses"), outside the dispatch
 * loop. The memory does the work: its atomic accessors check alignment ("unaligned atomic"), then
 * bounds, and {@code wait} traps "expected shared memory" on an unshared memory.
 */
public final class AtomicOps {
    /** What an atomic opcode does (the JIT compiles each opcode by its kind). */
    public enum Kind {
        LOAD,
        STORE,
        RMW,
        CMPXCHG,
        WAIT,
        NOTIFY,
        FENCE
    }

    private static final Opcode[] OPCODES = Opcode.values();
    private static final Kind[] KINDS = new Kind[OPCODES.length];
    private static final RmwOp[] RMW_OPS = new RmwOp[OPCODES.length];

    static {
        for (Opcode op : OPCODES) {
            if (op.isAtomic()) {
                KINDS[op.ordinal()] = kind(op);
                if (KINDS[op.ordinal()] == Kind.RMW) {
                    RMW_OPS[op.ordinal()] = rmwOp(op);
                }
            }
        }
    }

    private AtomicOps() {}

    /** What atomic opcode {@code op} does, or null if it is no atomic. */
    public static Kind kindOf(Opcode op) {
        return KINDS[op.ordinal()];
    }

    /** The read-modify-write operation of an RMW opcode, or null. */
    public static RmwOp rmwOf(Opcode op) {
        return RMW_OPS[op.ordinal()];
    }

    private static Kind kind(Opcode op) {
        String m = op.mnemonic();
        return switch (op) {
            case ATOMIC_FENCE -> Kind.FENCE;
            case MEMORY_ATOMIC_NOTIFY -> Kind.NOTIFY;
            case MEMORY_ATOMIC_WAIT32, MEMORY_ATOMIC_WAIT64 -> Kind.WAIT;
            default -> {
                if (m.contains(".atomic.load")) {
                    yield Kind.LOAD;
                } else if (m.contains(".atomic.store")) {
                    yield Kind.STORE;
                } else if (m.endsWith("cmpxchg") || m.endsWith("cmpxchg_u")) {
                    yield Kind.CMPXCHG;
                } else {
                    yield Kind.RMW;
                }
            }
        };
    }

    /** The operation named after the last dot, e.g. {@code i32.atomic.rmw8.add_u} is ADD. */
    private static RmwOp rmwOp(Opcode op) {
        String m = op.mnemonic();
        String name = m.substring(m.lastIndexOf('.') + 1).replace("_u", "");
        return RmwOp.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /** Whether {@code op} is lowered to {@link Ir#ATOMIC}. */
    static boolean handles(Opcode op) {
        return KINDS[op.ordinal()] != null;
    }

    /** Runs the ATOMIC instruction at {@code pc}; its operands are in {@code s} from {@code fp + base}. */
    static void execute(int[] code, int pc, long[] s, int fp, InstanceState inst) {
        int ordinal = code[pc + 1];
        Kind kind = KINDS[ordinal];
        if (kind == Kind.FENCE) {
            // Every atomic access is sequentially consistent already; this orders the plain ones.
            VarHandle.fullFence();
            return;
        }
        Opcode op = OPCODES[ordinal];
        int base = fp + code[pc + 2];
        int flags = code[pc + 3];
        long offset = (code[pc + 4] & 0xFFFF_FFFFL) | ((long) code[pc + 5] << 32);
        LinearMemory m = inst.memories[flags & 0x7FFF_FFFF];
        long ea = MemoryOps.address(s[base], flags, offset);
        int width = op.accessBytes();
        long result =
                switch (kind) {
                    case LOAD -> m.atomicLoad(width, ea);
                    case STORE -> {
                        m.atomicStore(width, ea, s[base + 1]);
                        yield 0;
                    }
                    case RMW -> m.atomicRmw(RMW_OPS[ordinal], width, ea, s[base + 1]);
                    case CMPXCHG -> m.atomicCmpxchg(width, ea, s[base + 1], s[base + 2]);
                    // The timeout is in nanoseconds; negative waits forever, but an interrupt or a
                    // deadline still ends it.
                    case WAIT -> m.atomicWait(width, ea, s[base + 1], s[base + 2], inst.store);
                    // The count is a u32.
                    case NOTIFY -> m.atomicNotify(ea, s[base + 1] & 0xFFFF_FFFFL);
                    case FENCE -> throw new IllegalStateException("handled above");
                };
        if (!op.results().isEmpty()) {
            // Narrow results are zero-extended by the memory; i32 slots stay sign-extended.
            s[base] = op.results().getFirst() == ValType.I32 ? (int) result : result;
        }
    }
}
