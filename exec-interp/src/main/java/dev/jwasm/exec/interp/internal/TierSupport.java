package dev.jwasm.exec.interp.internal;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.runtime.FunctionInstance;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the JIT (module {@code dev.jwasm.exec.jit}, the only module this package is exported to)
 * needs from the interpreter: the lowered register IR it compiles, the IR's opcode numbers by
 * name, and the operator helpers, so both tiers share one implementation of every operator's
 * semantics. Nothing here is used by the interpreter itself.
 */
public final class TierSupport {
    private static final Map<String, Integer> OPCODES = irOpcodes();

    private TierSupport() {}

    /**
     * A function's register IR (see {@link Ir}): its instructions (without the exception handler
     * table the interpreter keeps after them), parameter and local counts, the frame size in
     * slots, whether a declared local is a v128, whether the function has exception handlers, and
     * {@code frameInit}: what function entry stores into the slots from {@code params} up (zeroed
     * declared locals, then any pooled constants the code reads as ordinary slots); slots past it
     * start at zero.
     */
    public record Lowered(
            int[] code,
            int params,
            int locals,
            int frameSize,
            boolean v128Locals,
            boolean exceptionHandlers,
            long[] frameInit) {}

    /** The register IR of {@code function}, lowering it on first use (shared with the interpreter). */
    public static Lowered lowered(WasmFunctionInstance function) {
        CompiledFunction c = Machine.compiled(function);
        int[] code = c.code();
        // The last word says where the handler table starts, i.e. where the instructions end.
        int end = code[code.length - 1];
        // Zeroed declared locals, then the constant pool (see CompiledFunction.frameInit).
        long[] frameInit = c.frameInit().clone();
        return new Lowered(
                Arrays.copyOf(code, end),
                c.params(),
                c.locals(),
                c.frameSize(),
                c.v128Locals(),
                end < code.length - 1,
                frameInit);
    }

    /** The IR of {@code function} as the interpreter runs it (not a copy: read only). */
    public static int[] code(WasmFunctionInstance function) {
        return Machine.compiled(function).code();
    }

    /**
     * A new frame for {@code function} (its lowered form's {@code frameSize} slots) with the frame
     * image in place from its first non-parameter slot, as function entry leaves it.
     */
    public static long[] newFrame(WasmFunctionInstance function) {
        CompiledFunction c = Machine.compiled(function);
        long[] frame = new long[c.frameSize()];
        System.arraycopy(c.frameInit(), 0, frame, c.params(), c.frameInit().length);
        return frame;
    }

    /**
     * The callee of {@code call_indirect} through {@code table} at {@code index}, with the
     * interpreter's checks and trap messages (bounds, null, canonical subtype of {@code typeIndex}).
     */
    public static FunctionInstance indirectTarget(InstanceState inst, int typeIndex, int table, long index) {
        return Machine.indirectTarget(inst, typeIndex, table, index);
    }

    /** The IR opcode named {@code name} in {@link Ir}, or -1 if there is none. */
    public static int irOpcode(String name) {
        return OPCODES.getOrDefault(name, -1);
    }

    /** The name of IR opcode {@code code} in {@link Ir}, for diagnostics; "?" if unknown. */
    public static String irOpcodeName(int code) {
        return OPCODES.entrySet().stream()
                .filter(e -> e.getValue() == code)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("?");
    }

    private static Map<String, Integer> irOpcodes() {
        var map = new HashMap<String, Integer>();
        for (Field f : Ir.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                try {
                    map.put(f.getName(), f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Map.copyOf(map);
    }

    /** A unary operator or conversion on raw bits, with Wasm's traps. */
    public static long unary(int ordinal, long a) {
        return NumericOps.unary(ordinal, a);
    }

    /** A binary operator on raw bits, with Wasm's traps. */
    public static long binary(int ordinal, long a, long b) {
        return NumericOps.binary(ordinal, a, b);
    }

    /** The effective address of a memory access, trapping when a 64-bit sum wraps. */
    public static long address(long operand, int memFlags, long offset) {
        return MemoryOps.address(operand, memFlags, offset);
    }

    /** A load of any width, sign- or zero-extended as the opcode says. */
    public static long load(int ordinal, LinearMemory m, long ea) {
        return MemoryOps.load(ordinal, m, ea);
    }

    /** A store of any width. */
    public static void store(int ordinal, LinearMemory m, long ea, long value) {
        MemoryOps.store(ordinal, m, ea, value);
    }

    /** How many operand slots a table/bulk-memory/segment instruction reads from {@code at}. */
    public static int bulkPops(int ordinal) {
        return BulkOps.pops(Opcode.values()[ordinal]);
    }

    /** How many results it leaves from {@code at}. */
    public static int bulkPushes(int ordinal) {
        return BulkOps.pushes(Opcode.values()[ordinal]);
    }

    /** Runs a table/bulk-memory/segment instruction on the operands in {@code s} from {@code at}. */
    public static void bulk(int ordinal, int a, int b, long[] s, int at, InstanceState inst) {
        BulkOps.execute(ordinal, a, b, s, at, inst);
    }

    /** Runs a wide-arithmetic operator on the operands in {@code s} from {@code base}. */
    public static void wide(int ordinal, long[] s, int base) {
        WideOps.execute(ordinal, s, base);
    }
}
