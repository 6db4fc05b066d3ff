package dev.jwasm.exec.interp.internal;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.spi.runtime.FunctionInstance;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.util.Arrays;

/**
 * What the JIT (module {@code dev.jwasm.exec.jit}, the only module this package is exported to)
 * needs from the interpreter: the lowered register IR it compiles (whose contract is {@link
 * IrOp}), and the operator helpers, so both tiers share one implementation of every operator's
 * semantics. Nothing here is used by the interpreter itself.
 */
public final class TierSupport {
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

    /**
     * The callee of {@code call_indirect} through {@code table} at {@code index}, with the
     * interpreter's checks and trap messages (bounds, null, canonical subtype of {@code typeIndex}).
     */
    public static FunctionInstance indirectTarget(InstanceState inst, int typeIndex, int table, long index) {
        return Machine.indirectTarget(inst, typeIndex, table, index);
    }

    /** The effective address of a memory access, trapping when a 64-bit sum wraps. */
    public static long address(long operand, int memFlags, long offset) {
        return MemoryOps.address(operand, memFlags, offset);
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
}
