package dev.jwasm.exec.jit.internal;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.exec.interp.internal.IrOp;
import dev.jwasm.exec.interp.internal.TierSupport.Lowered;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;

/**
 * Whether a function can be compiled (see {@link FunctionCompiler#whyNot}): a size a JVM method
 * holds, and only IR operations {@link JitOps} compiles. GC references are no obstacle: compiled
 * code spills them for the collector at every call and allocation ({@link GcSpill}).
 */
final class Compilability {
    private Compilability() {}

    /** A JVM method takes at most 255 parameter slots: the instance plus two per long. */
    private static final int MAX_PARAMS = 120;

    static String reason(WasmFunctionInstance function, Lowered fn) {
        FuncType type = function.type();
        if (Abi.jvmParams(type) > MAX_PARAMS) {
            return "too many parameters";
        }
        int[] code = fn.code();
        InstanceState inst = function.instance();
        // A function too big for one method is split into several (SplitFunction), but each
        // method holds all the function's slots as JVM locals (v128 high halves too), of which
        // there are at most 65,535.
        int perSlot = Emitter.usesV128(inst, type, fn) ? 4 : 2;
        if (Emitter.FIRST_SLOT
                        + perSlot * fn.frameSize()
                        + inst.memories.length
                        + 5
                        + SplitFunction.EXTRA_LOCALS
                        + GcSpill.LOCALS
                        + Emitter.SEGMENT_LOCALS * inst.memories.length
                        + 2
                > 60_000) {
            return "too big";
        }
        int pc = 0;
        while (pc < code.length) {
            IrOp op = IrOp.of(code[pc]);
            if (op == null) {
                return "unknown IR code " + code[pc];
            }
            JitOps.Emission how = op.generic() ? JitOps.of(op, op.carried(code, pc)) : JitOps.of(op);
            if (how == null) {
                return "unclassified IR " + op + (op.generic() ? " " + op.carried(code, pc) : "");
            }
            if (how.how() == JitOps.How.INTERPRETED) {
                return how.detail();
            }
            pc += op.length(code, pc);
        }
        return pc == code.length ? null : "malformed IR";
    }
}
