package dev.jwasm.exec.jit.internal;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.exec.interp.internal.IrOp;
import dev.jwasm.exec.interp.internal.TierSupport.Lowered;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;

/**
 * Whether a function can be compiled (see {@link FunctionCompiler#whyNot}): a size a JVM method
 * holds, no value the GC heap must find, and only IR operations {@link JitOps} compiles.
 */
final class Compilability {
    private Compilability() {}

    /** A JVM method takes at most 255 parameter slots: the instance plus two per long. */
    private static final int MAX_PARAMS = 120;

    static String reason(WasmFunctionInstance function, Lowered fn) {
        FuncType type = function.type();
        // An externref may be an externalized GC object (extern.convert_any keeps the bits), which
        // the collector must find; it can only run inside a callee (allocation is a GC
        // instruction, which stays interpreted), so a function that calls nothing may hold one.
        boolean leaf = !calls(fn.code());
        if (Abi.jvmParams(type) > MAX_PARAMS) {
            return "too many parameters";
        }
        int[] code = fn.code();
        InstanceState inst = function.instance();
        if (!noGcRefs(type, inst, leaf) || !function.code().locals().stream().allMatch(t -> noGcRef(t, inst, leaf))) {
            // JVM locals are no GC roots: until compiled code spills its references for the
            // collector (DESIGN.md "GC heap"), code that may hold one stays interpreted.
            return "GC references";
        }
        // A function too big for one method is split into several (SplitFunction), but each
        // method holds all the function's slots as JVM locals (v128 high halves too), of which
        // there are at most 65,535.
        int perSlot = Emitter.usesV128(inst, type, fn) ? 4 : 2;
        if (Emitter.FIRST_SLOT + perSlot * fn.frameSize() + inst.memories.length + 5 + SplitFunction.EXTRA_LOCALS
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
            int n = op.length(code, pc);
            // A callee's values cross as flat long[]: no v128 among them (they would take two).
            if (op == IrOp.CALL || op == IrOp.RETURN_CALL) {
                FuncType callee = inst.functions[code[pc + 1]].type();
                if (!noGcRefs(callee, inst, leaf)) {
                    return "callee type";
                }
            }
            if (op == IrOp.CALL_INDIRECT
                    || op == IrOp.CALL_REF
                    || op == IrOp.RETURN_CALL_INDIRECT
                    || op == IrOp.RETURN_CALL_REF) {
                FuncType callee = inst.types[code[pc + 1]];
                if (callee == null || !noGcRefs(callee, inst, leaf)) {
                    return "callee type";
                }
            }
            if (op == IrOp.GLOBAL_GET
                    && !noGcRef(inst.globals[code[pc + 2]].type().type(), inst, leaf)) {
                return "GC references";
            }
            if (op == IrOp.BULK && !gcFreeTables(inst, leaf)) {
                return "GC references";
            }
            pc += n;
        }
        return pc == code.length ? null : "malformed IR";
    }

    /** Whether the IR calls a function (directly, indirectly, by reference, or as a tail call). */
    private static boolean calls(int[] code) {
        for (int pc = 0; pc < code.length; pc += IrOp.at(code, pc).length(code, pc)) {
            switch (IrOp.at(code, pc)) {
                case CALL, CALL_INDIRECT, CALL_REF, RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF -> {
                    return true;
                }
                default -> {}
            }
        }
        return false;
    }

    /** Whether no table can hand out a GC reference (table.get and friends run as BULK). */
    private static boolean gcFreeTables(InstanceState inst, boolean leaf) {
        for (var t : inst.tables) {
            if (!noGcRef(t.type().elementType(), inst, leaf)) {
                return false;
            }
        }
        return true;
    }

    private static boolean noGcRefs(FuncType type, InstanceState inst, boolean leaf) {
        return type.params().stream().allMatch(t -> noGcRef(t, inst, leaf))
                && type.results().stream().allMatch(t -> noGcRef(t, inst, leaf));
    }

    /**
     * Numbers and function or exception references, and in a function that calls nothing
     * ({@code leaf}) extern references: values the GC heap never has to find in its frame.
     */
    private static boolean noGcRef(ValType t, InstanceState inst, boolean leaf) {
        if (!(t instanceof RefType r)) {
            return true;
        }
        return switch (r.heap()) {
            case HeapType.Abstract a ->
                a == HeapType.Abstract.FUNC
                        || a == HeapType.Abstract.NOFUNC
                        || a == HeapType.Abstract.EXTERN && leaf
                        || a == HeapType.Abstract.NOEXTERN
                        // exnrefs are tagged indexes into the store's exceptions, no heap objects
                        || a == HeapType.Abstract.EXN
                        || a == HeapType.Abstract.NOEXN;
            case HeapType.Concrete c -> c.typeIndex() < inst.types.length && inst.types[c.typeIndex()] != null;
        };
    }
}
