package dev.jwasm.exec.jit.internal;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.exec.interp.internal.BulkOps;
import dev.jwasm.exec.interp.internal.IrOp;
import java.util.EnumSet;
import java.util.Set;

/**
 * How the JIT compiles each IR operation (compare Chicory's {@code EmitterMap}): every entry of
 * the interpreter's {@link IrOp} table is classified here, and so is every Wasm operator a generic
 * operation can carry. An operation missing here is "unclassified" (a test fails, and a function
 * using it stays interpreted with that reason).
 */
final class JitOps {
    private JitOps() {}

    /** The IR operations on v128 values: a function using one gets a high-half local per slot. */
    static final Set<IrOp> V128_OPS = EnumSet.of(
            IrOp.V128_CONST,
            IrOp.V128_COPY,
            IrOp.HIGH_MOVE_N,
            IrOp.V128_SELECT,
            IrOp.V128_GLOBAL_GET,
            IrOp.V128_GLOBAL_SET,
            IrOp.SIMD_UNARY,
            IrOp.SIMD_BINARY,
            IrOp.SIMD_TERNARY,
            IrOp.SIMD_TO_V128,
            IrOp.SIMD_TO_SCALAR,
            IrOp.SHUFFLE,
            IrOp.SIMD_MEM);

    enum How {
        /** A few JVM instructions (JDK intrinsics and the memory's own accessors included). */
        INLINE,
        /** A direct {@code invokestatic} of the operation's (or carried operator's) own helper. */
        HELPER,
        /** Not compiled: functions using it stay interpreted, for the reason given. */
        INTERPRETED
    }

    /** A classification; {@code detail} names the helper or the reason. */
    record Emission(How how, String detail) {
        static Emission inline() {
            return new Emission(How.INLINE, "");
        }

        static Emission helper(String name) {
            return new Emission(How.HELPER, name);
        }

        static Emission interpreted(String reason) {
            return new Emission(How.INTERPRETED, reason);
        }
    }

    /**
     * The classification of {@code op} on its own, or null if unclassified. A generic operation's
     * own entry says how its carried operators are reached; see {@link #of(IrOp, Opcode)}.
     */
    static Emission of(IrOp op) {
        return switch (op) {
            case UNREACHABLE -> Emission.helper("JitRuntime.unreachable");
            case CONST, COPY, MOVE_N, GLOBAL_GET, GLOBAL_SET, SELECT, SAFEPOINT -> Emission.inline();
            case JUMP, JUMP_IF_ZERO, JUMP_IF_NONZERO, JUMP_IF_NULL, JUMP_IF_NON_NULL, BR_TABLE, RETURN ->
                Emission.inline();
            case JUMP_I32_EQ,
                    JUMP_I32_NE,
                    JUMP_I32_LT_S,
                    JUMP_I32_GE_S,
                    JUMP_I32_GT_S,
                    JUMP_I32_LE_S,
                    JUMP_I32_LT_U,
                    JUMP_I32_GE_U,
                    JUMP_I32_GT_U,
                    JUMP_I32_LE_U,
                    JUMP_I64_EQ,
                    JUMP_I64_NE,
                    JUMP_I64_LT_S,
                    JUMP_I64_GE_S,
                    JUMP_I64_GT_S,
                    JUMP_I64_LE_S,
                    JUMP_I64_LT_U,
                    JUMP_I64_GE_U,
                    JUMP_I64_GT_U,
                    JUMP_I64_LE_U -> Emission.inline();
            // A compiled callee is an invokestatic in the same class; any other goes through the runtime.
            case CALL -> Emission.inline();
            case CALL_INDIRECT -> Emission.helper("IndirectCalls.ci<type>");
            case CALL_REF -> Emission.helper("JitRuntime.callRef");
            case MEMORY_SIZE -> Emission.inline();
            case MEMORY_GROW -> Emission.helper("JitRuntime.memoryGrow");
            case REF_FUNC -> Emission.helper("JitRuntime.refFunc");
            case I32_MUL_ADD -> Emission.inline();
            case UNARY, BINARY, LOAD, STORE, BULK, ATOMIC, WIDE -> Emission.inline();
            // Of the function itself: a jump to its start; else a TailCall its wrapper runs.
            case RETURN_CALL -> Emission.inline();
            case RETURN_CALL_INDIRECT -> Emission.helper("JitRuntime.tailCallIndirect");
            case RETURN_CALL_REF -> Emission.helper("JitRuntime.tailCallRef");
            // Handlers are JVM exception table entries (see FunctionCompiler.handlerStub).
            case THROW -> Emission.helper("JitRuntime.throwNew");
            case THROW_REF -> Emission.helper("JitRuntime.throwRef");
            // v128 moves are long moves of both halves; lane operators call their SimdOps method.
            case V128_CONST, V128_COPY, HIGH_MOVE_N, V128_SELECT, V128_GLOBAL_GET, V128_GLOBAL_SET -> Emission.inline();
            case SIMD_UNARY, SIMD_BINARY, SIMD_TERNARY, SIMD_TO_V128, SIMD_TO_SCALAR, SIMD_MEM -> Emission.inline();
            case SHUFFLE -> Emission.helper("SimdOps.i8x16Shuffle");
            // Each GC operator calls its own GcOps method (see GcEmitter); allocations spill the
            // frame's references first (GcSpill).
            case GC -> Emission.helper("GcOps.<operator>");
            default -> specific(op);
        };
    }

    /** A specific scalar operation (I32_ADD, I64_LOAD, ...): compiled as its Wasm operator is. */
    private static Emission specific(IrOp op) {
        Opcode wasm = op.wasm();
        if (wasm == null || op.generic()) {
            return null;
        }
        if (Memory.of(wasm) != null) {
            return Emission.inline();
        }
        return numeric(wasm);
    }

    /** The classification of {@code carried} run by generic operation {@code op}, or null. */
    static Emission of(IrOp op, Opcode carried) {
        if (!op.carries(carried)) {
            return null;
        }
        return switch (op) {
            case UNARY, BINARY -> numeric(carried);
            case LOAD, STORE -> Memory.of(carried) == null ? null : Emission.inline();
            case BULK ->
                BulkOps.methodOf(carried) == null ? null : Emission.helper("BulkOps." + BulkOps.methodOf(carried));
            case WIDE -> Emission.inline();
            case ATOMIC -> Atomics.of(carried) == null ? null : Emission.inline();
            case SIMD_UNARY, SIMD_BINARY, SIMD_TERNARY, SIMD_TO_V128, SIMD_TO_SCALAR ->
                Emission.helper(SimdCode.OWNER + "." + SimdCode.method(carried));
            // Loads and stores through the memory's accessors; lanes through SimdOps.
            case SIMD_MEM -> Emission.inline();
            case GC -> GcEmitter.helper(carried) == null ? null : Emission.helper("GcOps." + GcEmitter.helper(carried));
            default -> of(op);
        };
    }

    private static Emission numeric(Opcode wasm) {
        Numerics.Op n = Numerics.of(wasm);
        if (n == null) {
            return null;
        }
        return n.helper() != null ? Emission.helper(n.helper()) : Emission.inline();
    }
}
