package dev.jwasm.exec.jit.internal;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.exec.interp.internal.TierSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    static final int I32_MUL_ADD = op("I32_MUL_ADD");

    /**
     * Inline IR operators named after the Wasm operator they run with its exact semantics: unary
     * ones are {@code OP dst a}, binary ones {@code OP dst a b}, loads and stores have the
     * {@code I32_LOAD}/{@code I32_STORE} layout. Only those the interpreter's IR has are present.
     */
    private static final List<String> NAMED = List.of(
            "I64_XOR",
            "I64_SHL",
            "I64_SHR_S",
            "I64_SHR_U",
            "I64_ROTL",
            "I64_ROTR",
            "I32_ROTL",
            "I32_ROTR",
            "I64_NE",
            "I64_LT_U",
            "I64_GT_U",
            "I64_LE_U",
            "I64_GE_U",
            "I64_GT_S",
            "I64_LE_S",
            "I64_GE_S",
            "I32_LE_U",
            "I32_GE_U",
            "I32_DIV_U",
            "I32_REM_U",
            "I64_EQZ",
            "I32_WRAP_I64",
            "I64_EXTEND_I32_S",
            "I64_EXTEND_I32_U",
            "I64_LOAD",
            "I32_LOAD8_U",
            "I64_STORE",
            "I32_STORE8");

    private static final Map<Integer, Opcode> WASM_OF = named();

    /**
     * Fused i64 compare-and-branch {@code OP a b target}, in the order of the i32 set (EQ, NE,
     * LT_S, GE_S, GT_S, LE_S, LT_U, GE_U, GT_U, LE_U): IR opcode to its index in that order.
     */
    private static final Map<Integer, Integer> JUMP_I64 = jumpsI64();

    /** The Wasm operator an inline named IR operator runs, or null if {@code op} is none. */
    static Opcode wasmOf(int op) {
        return WASM_OF.get(op);
    }

    /** The index of fused i64 jump {@code op} in the i32 set's order, or -1 if it is none. */
    static int jumpI64(int op) {
        return JUMP_I64.getOrDefault(op, -1);
    }

    private static Map<Integer, Opcode> named() {
        var map = new HashMap<Integer, Opcode>();
        for (String name : NAMED) {
            int op = op(name);
            if (op >= 0) {
                map.put(op, Opcode.valueOf(name));
            }
        }
        return Map.copyOf(map);
    }

    private static Map<Integer, Integer> jumpsI64() {
        String[] names = {"EQ", "NE", "LT_S", "GE_S", "GT_S", "LE_S", "LT_U", "GE_U", "GT_U", "LE_U"};
        var map = new HashMap<Integer, Integer>();
        for (int k = 0; k < names.length; k++) {
            int op = op("JUMP_I64_" + names[k]);
            if (op >= 0) {
                map.put(op, k);
            }
        }
        return Map.copyOf(map);
    }

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
                || op == WIDE) {
            return 3;
        }
        if (op == CONST || op == MOVE_N || op == UNARY || op == MEMORY_GROW || isHotBinary(op) || isFusedJump(op)) {
            return 4;
        }
        if (op == CALL_INDIRECT || op == CALL_REF || op == SELECT || op == BINARY || op == BULK) {
            return 5;
        }
        if (op == I32_LOAD || op == I32_STORE) {
            return 6;
        }
        if (op == LOAD || op == STORE) {
            return 7;
        }
        if (op == BR_TABLE) {
            return 3 + code[pc + 2] + 1;
        }
        if (op == I32_MUL_ADD) {
            return 5;
        }
        if (jumpI64(op) >= 0) {
            return 4;
        }
        Opcode wasm = wasmOf(op);
        if (wasm != null) {
            return switch (wasm) {
                case I64_EQZ, I32_WRAP_I64, I64_EXTEND_I32_S, I64_EXTEND_I32_U -> 3;
                case I64_LOAD, I32_LOAD8_U, I64_STORE, I32_STORE8 -> 6;
                default -> 4;
            };
        }
        return -1;
    }

    static boolean isHotBinary(int op) {
        return op >= I32_ADD && op <= F64_MUL && I32_ADD > 0 && F64_MUL - I32_ADD == 25;
    }

    static boolean isFusedJump(int op) {
        return op >= JUMP_I32_EQ && op <= JUMP_I32_LE_U && JUMP_I32_EQ > 0 && JUMP_I32_LE_U - JUMP_I32_EQ == 9;
    }

    private static int op(String name) {
        return TierSupport.irOpcode(name);
    }
}
