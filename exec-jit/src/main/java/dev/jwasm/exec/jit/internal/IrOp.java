package dev.jwasm.exec.jit.internal;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.exec.interp.internal.TierSupport;

/**
 * The interpreter's register-IR opcode numbers, read by name from the interpreter at start-up so
 * that the two tiers cannot drift apart: an opcode the JIT does not know is simply not compiled.
 */
final class IrOp {
    private IrOp() {}

    static final int UNREACHABLE = op("UNREACHABLE");
    static final int CONST = op("CONST");
    static final int COPY = op("COPY");
    static final int MOVE_N = op("MOVE_N");
    static final int GLOBAL_GET = op("GLOBAL_GET");
    static final int GLOBAL_SET = op("GLOBAL_SET");
    static final int JUMP = op("JUMP");
    static final int JUMP_IF_ZERO = op("JUMP_IF_ZERO");
    static final int JUMP_IF_NONZERO = op("JUMP_IF_NONZERO");
    static final int BR_TABLE = op("BR_TABLE");
    static final int RETURN = op("RETURN");
    static final int CALL = op("CALL");
    static final int CALL_INDIRECT = op("CALL_INDIRECT");
    static final int SELECT = op("SELECT");
    static final int UNARY = op("UNARY");
    static final int BINARY = op("BINARY");
    static final int LOAD = op("LOAD");
    static final int STORE = op("STORE");
    static final int MEMORY_SIZE = op("MEMORY_SIZE");
    static final int MEMORY_GROW = op("MEMORY_GROW");
    static final int REF_FUNC = op("REF_FUNC");
    static final int I32_ADD = op("I32_ADD");
    static final int I32_SUB = op("I32_SUB");
    static final int I32_MUL = op("I32_MUL");
    static final int I32_AND = op("I32_AND");
    static final int I32_OR = op("I32_OR");
    static final int I32_XOR = op("I32_XOR");
    static final int I32_SHL = op("I32_SHL");
    static final int I32_SHR_S = op("I32_SHR_S");
    static final int I32_SHR_U = op("I32_SHR_U");
    static final int I32_EQ = op("I32_EQ");
    static final int I32_NE = op("I32_NE");
    static final int I32_LT_S = op("I32_LT_S");
    static final int I32_LT_U = op("I32_LT_U");
    static final int I32_GT_S = op("I32_GT_S");
    static final int I32_GT_U = op("I32_GT_U");
    static final int I32_LE_S = op("I32_LE_S");
    static final int I32_GE_S = op("I32_GE_S");
    static final int I64_ADD = op("I64_ADD");
    static final int I64_SUB = op("I64_SUB");
    static final int I64_MUL = op("I64_MUL");
    static final int I64_AND = op("I64_AND");
    static final int I64_OR = op("I64_OR");
    static final int I64_EQ = op("I64_EQ");
    static final int I64_LT_S = op("I64_LT_S");
    static final int F64_ADD = op("F64_ADD");
    static final int F64_MUL = op("F64_MUL");
    static final int I32_EQZ = op("I32_EQZ");
    static final int I32_LOAD = op("I32_LOAD");
    static final int I32_STORE = op("I32_STORE");
    static final int BULK = op("BULK");
    static final int CALL_REF = op("CALL_REF");
    static final int JUMP_IF_NULL = op("JUMP_IF_NULL");
    static final int JUMP_IF_NON_NULL = op("JUMP_IF_NON_NULL");
    static final int SAFEPOINT = op("SAFEPOINT");
    static final int JUMP_I32_EQ = op("JUMP_I32_EQ");
    static final int JUMP_I32_NE = op("JUMP_I32_NE");
    static final int JUMP_I32_LT_S = op("JUMP_I32_LT_S");
    static final int JUMP_I32_GE_S = op("JUMP_I32_GE_S");
    static final int JUMP_I32_GT_S = op("JUMP_I32_GT_S");
    static final int JUMP_I32_LE_S = op("JUMP_I32_LE_S");
    static final int JUMP_I32_LT_U = op("JUMP_I32_LT_U");
    static final int JUMP_I32_GE_U = op("JUMP_I32_GE_U");
    static final int JUMP_I32_GT_U = op("JUMP_I32_GT_U");
    static final int JUMP_I32_LE_U = op("JUMP_I32_LE_U");
    static final int WIDE = op("WIDE");
    // The interpreter's further inline operators: each named after the Wasm opcode it computes.
    static final int I64_XOR = op("I64_XOR");
    static final int I32_REM_U = op("I32_REM_U");
    static final int I64_EQZ = op("I64_EQZ");
    static final int I64_EXTEND_I32_U = op("I64_EXTEND_I32_U");
    static final int I64_LOAD = op("I64_LOAD");
    static final int I32_LOAD8_U = op("I32_LOAD8_U");
    static final int I64_STORE = op("I64_STORE");
    static final int I32_STORE8 = op("I32_STORE8");
    static final int JUMP_I64_EQ = op("JUMP_I64_EQ");
    static final int JUMP_I64_LE_U = op("JUMP_I64_LE_U");
    static final int I32_MUL_ADD = op("I32_MUL_ADD");

    /**
     * The length in ints of the instruction at {@code pc}, or -1 if the JIT cannot compile it
     * (SIMD, atomics, tail calls, exceptions and anything added to the IR after it).
     */
    static int length(int[] code, int pc) {
        int op = code[pc];
        if (op < 0) {
            return -1;
        }
        if (op == UNREACHABLE || op == SAFEPOINT) {
            return 1;
        }
        if (op == JUMP) {
            return 2;
        }
        if (op == COPY
                || op == GLOBAL_GET
                || op == GLOBAL_SET
                || op == JUMP_IF_ZERO
                || op == JUMP_IF_NONZERO
                || op == JUMP_IF_NULL
                || op == JUMP_IF_NON_NULL
                || op == RETURN
                || op == CALL
                || op == MEMORY_SIZE
                || op == REF_FUNC
                || op == I32_EQZ
                || op == WIDE
                || isInlineUnary(op)) {
            return 3;
        }
        if (op == CONST
                || op == MOVE_N
                || op == UNARY
                || op == MEMORY_GROW
                || isHotBinary(op)
                || isFusedJump(op)
                || isInlineBinary(op)
                || isFusedJump64(op)) {
            return 4;
        }
        if (op == CALL_INDIRECT || op == CALL_REF || op == SELECT || op == BINARY || op == BULK || op == I32_MUL_ADD) {
            return 5;
        }
        if (op == I32_LOAD || op == I32_STORE || isInlineMemory(op)) {
            return 6;
        }
        if (op == LOAD || op == STORE) {
            return 7;
        }
        if (op == BR_TABLE) {
            return 3 + code[pc + 2] + 1;
        }
        return -1;
    }

    static boolean isHotBinary(int op) {
        return op >= I32_ADD && op <= F64_MUL && I32_ADD > 0 && F64_MUL - I32_ADD == 25;
    }

    static boolean isFusedJump(int op) {
        return op >= JUMP_I32_EQ && op <= JUMP_I32_LE_U && JUMP_I32_EQ > 0 && JUMP_I32_LE_U - JUMP_I32_EQ == 9;
    }

    /** I64_XOR .. I32_REM_U: {@code OP dst a b}, the binary Wasm operator of the same name. */
    static boolean isInlineBinary(int op) {
        return op >= I64_XOR && op <= I32_REM_U && I64_XOR > 0;
    }

    /** I64_EQZ .. I64_EXTEND_I32_U: {@code OP dst a}, the unary Wasm operator of the same name. */
    static boolean isInlineUnary(int op) {
        return op >= I64_EQZ && op <= I64_EXTEND_I32_U && I64_EQZ > 0;
    }

    /** I64_LOAD, I32_LOAD8_U, I64_STORE, I32_STORE8: the I32_LOAD/I32_STORE layout. */
    static boolean isInlineMemory(int op) {
        return op > 0 && (op == I64_LOAD || op == I32_LOAD8_U || op == I64_STORE || op == I32_STORE8);
    }

    /** JUMP_I64_EQ .. JUMP_I64_LE_U: {@code OP a b target}, eq ne lt_s ge_s gt_s le_s lt_u ge_u gt_u le_u. */
    static boolean isFusedJump64(int op) {
        return op >= JUMP_I64_EQ && op <= JUMP_I64_LE_U && JUMP_I64_EQ > 0 && JUMP_I64_LE_U - JUMP_I64_EQ == 9;
    }

    /** The Wasm opcode an inline operator computes: the one its IR name names. */
    static Opcode wasmOpcode(int op) {
        return Opcode.valueOf(TierSupport.irOpcodeName(op));
    }

    private static int op(String name) {
        return TierSupport.irOpcode(name);
    }
}
