package dev.jwasm.exec.interp.internal;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.spi.runtime.FunctionInstance;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
     * start at zero. {@code gcMaps} names the slots holding references at each point where the
     * collector may run (the end of a call or of an allocating GC instruction).
     */
    public record Lowered(
            int[] code,
            int params,
            int locals,
            int frameSize,
            boolean v128Locals,
            boolean exceptionHandlers,
            long[] frameInit,
            List<HandlerRange> handlers,
            GcMaps gcMaps) {}

    /**
     * A handler an exception may land in: its tag index ({@link #CATCH_ALL} for any tag), the
     * first slot of the payload it wants and the slot of the exnref (-1: not wanted), and the IR
     * pc to continue at.
     */
    public record Catch(int tag, int payloadSlot, int refSlot, int target) {}

    /** Tag of a {@link Catch} that takes every exception. */
    public static final int CATCH_ALL = Handlers.ALL;

    /**
     * The IR pcs {@code [start, end)} (instruction boundaries) where an exception is tried
     * against {@code catches} in order, the first that matches winning (spec 4.4.8: inner
     * handlers first, delegates followed, a tail call's frame gone).
     */
    public record HandlerRange(int start, int end, List<Catch> catches) {}

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
                frameInit,
                end < code.length - 1 ? handlerRanges(code, end) : List.of(),
                c.gcMaps());
    }

    /** Consecutive instructions with the same handlers, as ranges (none where there are none). */
    private static List<HandlerRange> handlerRanges(int[] code, int end) {
        var ranges = new ArrayList<HandlerRange>();
        int start = 0;
        List<Catch> current = List.of();
        for (int pc = 0; pc < end; pc += IrOp.at(code, pc).length(code, pc)) {
            List<Catch> here = Handlers.candidates(code, pc);
            if (!here.equals(current)) {
                if (!current.isEmpty()) {
                    ranges.add(new HandlerRange(start, pc, List.copyOf(current)));
                }
                start = pc;
                current = here;
            }
        }
        if (!current.isEmpty()) {
            ranges.add(new HandlerRange(start, end, List.copyOf(current)));
        }
        return List.copyOf(ranges);
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
}
