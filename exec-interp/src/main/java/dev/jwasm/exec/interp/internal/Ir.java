package dev.jwasm.exec.interp.internal;

/**
 * The register IR's operation codes, as compile-time constants for the interpreter's dispatch
 * {@code switch}. The contract (operand layouts, lengths, the Wasm operator each implements) is
 * {@link IrOp}, whose entries are built from these constants; a test checks that every constant
 * has exactly one entry of its name. Operands follow each code in the {@code int[]}; "slot"
 * operands are frame-relative indexes into the {@code long[]} value stack, where a function's
 * locals come first and its operand stack above them, so each Wasm stack position is a register.
 * Layouts are given as {@code CODE operand...}.
 */
final class Ir {
    private Ir() {}

    /** {@code UNREACHABLE}. */
    static final int UNREACHABLE = 0;
    /** {@code CONST dst lo hi}. */
    static final int CONST = 1;
    /** {@code COPY dst src}. */
    static final int COPY = 2;
    /** {@code MOVE_N dst src count}: branch values, ascending (dst is below src). */
    static final int MOVE_N = 3;
    /** {@code GLOBAL_GET dst global}. */
    static final int GLOBAL_GET = 4;
    /** {@code GLOBAL_SET global src}. */
    static final int GLOBAL_SET = 5;
    /** {@code JUMP target}. */
    static final int JUMP = 6;
    /** {@code JUMP_IF_ZERO cond target}. */
    static final int JUMP_IF_ZERO = 7;
    /** {@code JUMP_IF_NONZERO cond target}. */
    static final int JUMP_IF_NONZERO = 8;
    /** {@code BR_TABLE index count target*(count+1)}: the last target is the default. */
    static final int BR_TABLE = 9;
    /** {@code RETURN src count}: results move to slot 0 up. */
    static final int RETURN = 10;
    /** {@code CALL function argBase}: arguments from argBase up become the callee's frame. */
    static final int CALL = 11;
    /** {@code CALL_INDIRECT type table argBase indexSlot}. */
    static final int CALL_INDIRECT = 12;
    /** {@code SELECT dst a b cond}. */
    static final int SELECT = 13;
    /** {@code UNARY dst a opcodeOrdinal}. */
    static final int UNARY = 14;
    /** {@code BINARY dst a b opcodeOrdinal}. */
    static final int BINARY = 15;
    /** {@code LOAD dst addr memFlags offsetLo offsetHi opcodeOrdinal}. */
    static final int LOAD = 16;
    /** {@code STORE addr value memFlags offsetLo offsetHi opcodeOrdinal}. */
    static final int STORE = 17;
    /** {@code MEMORY_SIZE dst memory}. */
    static final int MEMORY_SIZE = 18;
    /** {@code MEMORY_GROW dst delta memory}. */
    static final int MEMORY_GROW = 19;
    /** {@code REF_FUNC dst function}. */
    static final int REF_FUNC = 20;
    // Hot operators inlined in the dispatch loop: {@code OP dst a b}.
    static final int I32_ADD = 21;
    static final int I32_SUB = 22;
    static final int I32_MUL = 23;
    static final int I32_AND = 24;
    static final int I32_OR = 25;
    static final int I32_XOR = 26;
    static final int I32_SHL = 27;
    static final int I32_SHR_S = 28;
    static final int I32_SHR_U = 29;
    static final int I32_EQ = 30;
    static final int I32_NE = 31;
    static final int I32_LT_S = 32;
    static final int I32_LT_U = 33;
    static final int I32_GT_S = 34;
    static final int I32_GT_U = 35;
    static final int I32_LE_S = 36;
    static final int I32_GE_S = 37;
    static final int I64_ADD = 38;
    static final int I64_SUB = 39;
    static final int I64_MUL = 40;
    static final int I64_AND = 41;
    static final int I64_OR = 42;
    static final int I64_EQ = 43;
    static final int I64_LT_S = 44;
    static final int F64_ADD = 45;
    static final int F64_MUL = 46;
    /** {@code I32_EQZ dst a}. */
    static final int I32_EQZ = 47;
    /** {@code I32_LOAD dst addr memFlags offsetLo offsetHi} (the generic LOAD layout, ordinal unused). */
    static final int I32_LOAD = 48;
    /** {@code I32_STORE addr value memFlags offsetLo offsetHi}. */
    static final int I32_STORE = 49;
    /** {@code BULK opcodeOrdinal immA immB at}: table/bulk-memory/segment operations, see BulkOps. */
    static final int BULK = 50;
    /** {@code RETURN_CALL function argBase}, always followed by a RETURN for host callees. */
    static final int RETURN_CALL = 51;
    /** {@code RETURN_CALL_INDIRECT type table argBase indexSlot}, followed by a RETURN likewise. */
    static final int RETURN_CALL_INDIRECT = 52;
    /** {@code CALL_REF type unused argBase refSlot}: the CALL_INDIRECT layout, callee from a funcref. */
    static final int CALL_REF = 53;
    /** {@code RETURN_CALL_REF type unused argBase refSlot}, followed by a RETURN like the other tail calls. */
    static final int RETURN_CALL_REF = 54;
    /** {@code JUMP_IF_NULL ref target}: all 64 bits compared, as references use them. */
    static final int JUMP_IF_NULL = 55;
    /** {@code JUMP_IF_NON_NULL ref target}. */
    static final int JUMP_IF_NON_NULL = 56;
    /**
     * {@code SAFEPOINT}: traps "interrupted" or "deadline exceeded" when the store asks, and takes
     * one unit of fuel when the engine meters it. No longer emitted for loops: their back-edges
     * do the same in the jump itself (see {@code Machine.to}).
     */
    static final int SAFEPOINT = 57;
    // Fused compare-and-branch superinstructions: {@code OP a b target}, jumping when the i32
    // relation holds. Each has its negation in the set, so `if` and `br_if` can both fuse.
    static final int JUMP_I32_EQ = 60;
    static final int JUMP_I32_NE = 61;
    static final int JUMP_I32_LT_S = 62;
    static final int JUMP_I32_GE_S = 63;
    static final int JUMP_I32_GT_S = 64;
    static final int JUMP_I32_LE_S = 65;
    static final int JUMP_I32_LT_U = 66;
    static final int JUMP_I32_GE_U = 67;
    static final int JUMP_I32_GT_U = 68;
    static final int JUMP_I32_LE_U = 69;
    // 180-199: threads-proposal atomics and wide arithmetic, each one generic op into a helper.
    /**
     * {@code ATOMIC opcodeOrdinal base memFlags offsetLo offsetHi}: the address and operands are in
     * consecutive slots from base and the result (if any) goes to base; see AtomicOps.
     */
    static final int ATOMIC = 180;
    /** {@code WIDE opcodeOrdinal base}: operands from base up, the two results to base and base+1. */
    static final int WIDE = 181;

    // v128 (200-219), all run by SimdExec through one case of the dispatch loop. A v128's high
    // half lives in the machine's parallel high stack at the same slot index as its low half.
    /** {@code V128_CONST dst lo0 lo1 hi0 hi1}: the four 32-bit words of the value, low first. */
    static final int V128_CONST = 200;
    /** {@code V128_COPY dst src}: both halves. */
    static final int V128_COPY = 201;
    /** {@code HIGH_MOVE_N dst src count}: the high halves of branch/return values; precedes the MOVE_N or RETURN that moves the low halves. */
    static final int HIGH_MOVE_N = 202;
    /** {@code V128_SELECT dst a b cond}. */
    static final int V128_SELECT = 203;
    /** {@code V128_GLOBAL_GET dst global}. */
    static final int V128_GLOBAL_GET = 204;
    /** {@code V128_GLOBAL_SET global src}. */
    static final int V128_GLOBAL_SET = 205;
    /** {@code SIMD_UNARY dst a opcodeOrdinal}: v128 to v128. */
    static final int SIMD_UNARY = 206;
    /** {@code SIMD_BINARY dst a b opcodeOrdinal}: two v128s to a v128. */
    static final int SIMD_BINARY = 207;
    /** {@code SIMD_TERNARY dst a b c opcodeOrdinal}: three v128s to a v128. */
    static final int SIMD_TERNARY = 208;
    /** {@code SIMD_TO_V128 dst a b opcodeOrdinal lane}: splat, replace_lane, shifts (a scalar b). */
    static final int SIMD_TO_V128 = 209;
    /** {@code SIMD_TO_SCALAR dst a b opcodeOrdinal lane}: extract_lane, any_true, all_true, bitmask. */
    static final int SIMD_TO_SCALAR = 210;
    /** {@code SHUFFLE dst a b idx0 idx1 idx2 idx3}: the 16 lane indices packed in four words. */
    static final int SHUFFLE = 211;
    /** {@code SIMD_MEM dst addr value memFlags offsetLo offsetHi opcodeOrdinal lane}: v128 loads and stores. */
    static final int SIMD_MEM = 212;

    // GC proposal (range 220-259): one generic op into GcExec, whose javadoc gives the layout.
    /** {@code GC opcodeOrdinal dst base immA immB}: see GcExec. */
    static final int GC = 220;

    // Exception handling (range 160-179); handlers are a table after the code, see Handlers.
    /** {@code THROW tag argBase}: throws a new exception of the instance's tag, payload from argBase up. */
    static final int THROW = 160;
    /** {@code THROW_REF ref}: throws the exception an exnref names again; null traps. */
    static final int THROW_REF = 161;

    // Range 120-159: more hot operators inline, for i64 bit manipulation, rotates and unsigned
    // compares (keccak, chacha, gimli, random). Binary ones are {@code OP dst a b}.
    static final int I64_XOR = 120;
    static final int I64_SHL = 121;
    static final int I64_SHR_S = 122;
    static final int I64_SHR_U = 123;
    static final int I64_ROTL = 124;
    static final int I64_ROTR = 125;
    static final int I32_ROTL = 126;
    static final int I32_ROTR = 127;
    static final int I64_NE = 128;
    static final int I64_LT_U = 129;
    static final int I64_GT_U = 130;
    static final int I64_LE_U = 131;
    static final int I64_GE_U = 132;
    static final int I64_GT_S = 133;
    static final int I64_LE_S = 134;
    static final int I64_GE_S = 135;
    static final int I32_LE_U = 136;
    static final int I32_GE_U = 137;
    static final int I32_DIV_U = 138;
    static final int I32_REM_U = 139;
    /** {@code I64_EQZ dst a}. */
    static final int I64_EQZ = 140;
    /** {@code I32_WRAP_I64 dst a}. */
    static final int I32_WRAP_I64 = 141;
    /** {@code I64_EXTEND_I32_S dst a}. */
    static final int I64_EXTEND_I32_S = 142;
    /** {@code I64_EXTEND_I32_U dst a}. */
    static final int I64_EXTEND_I32_U = 143;
    /** {@code I64_LOAD dst addr memFlags offsetLo offsetHi}, the I32_LOAD layout. */
    static final int I64_LOAD = 144;
    /** {@code I32_LOAD8_U dst addr memFlags offsetLo offsetHi}. */
    static final int I32_LOAD8_U = 145;
    /** {@code I64_STORE addr value memFlags offsetLo offsetHi}, the I32_STORE layout. */
    static final int I64_STORE = 146;
    /** {@code I32_STORE8 addr value memFlags offsetLo offsetHi}. */
    static final int I32_STORE8 = 147;

    // Fused i64 compare-and-branch: {@code OP a b target}, paired with their negations like the
    // i32 set (even code, then its negation).
    static final int JUMP_I64_EQ = 148;
    static final int JUMP_I64_NE = 149;
    static final int JUMP_I64_LT_S = 150;
    static final int JUMP_I64_GE_S = 151;
    static final int JUMP_I64_GT_S = 152;
    static final int JUMP_I64_LE_S = 153;
    static final int JUMP_I64_LT_U = 154;
    static final int JUMP_I64_GE_U = 155;
    static final int JUMP_I64_GT_U = 156;
    static final int JUMP_I64_LE_U = 157;

    /** {@code I32_MUL_ADD dst x y c}: dst = x * y + c, an i32.mul whose product an i32.add consumes. */
    static final int I32_MUL_ADD = 158;

    /**
     * The number of words of the instruction at {@code pc} (code and operands), from the {@link
     * IrOp} table, or 0 for a code the table does not know; never used by the dispatch loop.
     */
    static int length(int[] code, int pc) {
        IrOp op = IrOp.of(code[pc]);
        return op == null ? 0 : op.length(code, pc);
    }
}
