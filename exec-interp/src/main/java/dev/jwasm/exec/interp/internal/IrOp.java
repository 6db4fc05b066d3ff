package dev.jwasm.exec.interp.internal;

import static dev.jwasm.exec.interp.internal.IrOp.Operand.BASE;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.COUNT;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.DST;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.FUNCTION;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.GLOBAL;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.IMM;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.LANE;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.LANES;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.MEMFLAGS;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.MEMORY;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.OFFSET;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.OPCODE;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.SLOT;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.TABLE;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.TAG;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.TARGET;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.TARGETS;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.TYPE;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.UNUSED;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.V128;
import static dev.jwasm.exec.interp.internal.IrOp.Operand.VALUE;

import dev.jwasm.api.code.Immediates;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.ValType;
import java.util.List;
import java.util.function.Predicate;

/**
 * The register IR's contract: every IR operation with its code, its operand layout and the Wasm
 * operator it implements. The interpreter's dispatch switches on the {@link Ir} constants (a
 * {@code switch} needs compile-time constants); each entry here is built from that constant, and a
 * test checks that every constant has exactly one entry of the same name. {@link Ir#length},
 * {@link IrPrinter}, the lowering's emit check and the JIT all read this table.
 *
 * <p>An operation is either <em>specific</em> ({@link #wasm()} names the one Wasm operator whose
 * semantics it has, e.g. {@link #I32_ADD}; a fused compare-and-branch names its compare),
 * <em>generic</em> (it carries the Wasm operator's ordinal as an {@link Operand#OPCODE} operand,
 * e.g. {@link #BINARY}; {@link #carries} says which operators it may carry), or
 * <em>structural</em> (moves, jumps, calls: {@code wasm()} is null and it carries no opcode).
 */
public enum IrOp {
    UNREACHABLE(Ir.UNREACHABLE, Opcode.UNREACHABLE),
    CONST(Ir.CONST, null, DST, VALUE),
    COPY(Ir.COPY, null, DST, SLOT),
    /** Branch values, ascending (dst is below src). */
    MOVE_N(Ir.MOVE_N, null, DST, SLOT, COUNT),
    GLOBAL_GET(Ir.GLOBAL_GET, Opcode.GLOBAL_GET, DST, GLOBAL),
    GLOBAL_SET(Ir.GLOBAL_SET, Opcode.GLOBAL_SET, GLOBAL, SLOT),
    JUMP(Ir.JUMP, null, TARGET),
    JUMP_IF_ZERO(Ir.JUMP_IF_ZERO, null, SLOT, TARGET),
    JUMP_IF_NONZERO(Ir.JUMP_IF_NONZERO, null, SLOT, TARGET),
    /** {@code index count target*(count+1)}: the last target is the default. */
    BR_TABLE(Ir.BR_TABLE, Opcode.BR_TABLE, SLOT, COUNT, TARGETS),
    /** Results move from the slot up to slot 0. */
    RETURN(Ir.RETURN, null, SLOT, COUNT),
    /** Arguments from the base up become the callee's frame. */
    CALL(Ir.CALL, Opcode.CALL, FUNCTION, BASE),
    CALL_INDIRECT(Ir.CALL_INDIRECT, Opcode.CALL_INDIRECT, TYPE, TABLE, BASE, SLOT),
    SELECT(Ir.SELECT, Opcode.SELECT, DST, SLOT, SLOT, SLOT),
    UNARY(Ir.UNARY, null, DST, SLOT, OPCODE),
    BINARY(Ir.BINARY, null, DST, SLOT, SLOT, OPCODE),
    LOAD(Ir.LOAD, null, DST, SLOT, MEMFLAGS, OFFSET, OPCODE),
    /** {@code addr value memFlags offset opcode}. */
    STORE(Ir.STORE, null, SLOT, SLOT, MEMFLAGS, OFFSET, OPCODE),
    MEMORY_SIZE(Ir.MEMORY_SIZE, Opcode.MEMORY_SIZE, DST, MEMORY),
    MEMORY_GROW(Ir.MEMORY_GROW, Opcode.MEMORY_GROW, DST, SLOT, MEMORY),
    REF_FUNC(Ir.REF_FUNC, Opcode.REF_FUNC, DST, FUNCTION),
    I32_ADD(Ir.I32_ADD, Opcode.I32_ADD, DST, SLOT, SLOT),
    I32_SUB(Ir.I32_SUB, Opcode.I32_SUB, DST, SLOT, SLOT),
    I32_MUL(Ir.I32_MUL, Opcode.I32_MUL, DST, SLOT, SLOT),
    I32_AND(Ir.I32_AND, Opcode.I32_AND, DST, SLOT, SLOT),
    I32_OR(Ir.I32_OR, Opcode.I32_OR, DST, SLOT, SLOT),
    I32_XOR(Ir.I32_XOR, Opcode.I32_XOR, DST, SLOT, SLOT),
    I32_SHL(Ir.I32_SHL, Opcode.I32_SHL, DST, SLOT, SLOT),
    I32_SHR_S(Ir.I32_SHR_S, Opcode.I32_SHR_S, DST, SLOT, SLOT),
    I32_SHR_U(Ir.I32_SHR_U, Opcode.I32_SHR_U, DST, SLOT, SLOT),
    I32_EQ(Ir.I32_EQ, Opcode.I32_EQ, DST, SLOT, SLOT),
    I32_NE(Ir.I32_NE, Opcode.I32_NE, DST, SLOT, SLOT),
    I32_LT_S(Ir.I32_LT_S, Opcode.I32_LT_S, DST, SLOT, SLOT),
    I32_LT_U(Ir.I32_LT_U, Opcode.I32_LT_U, DST, SLOT, SLOT),
    I32_GT_S(Ir.I32_GT_S, Opcode.I32_GT_S, DST, SLOT, SLOT),
    I32_GT_U(Ir.I32_GT_U, Opcode.I32_GT_U, DST, SLOT, SLOT),
    I32_LE_S(Ir.I32_LE_S, Opcode.I32_LE_S, DST, SLOT, SLOT),
    I32_GE_S(Ir.I32_GE_S, Opcode.I32_GE_S, DST, SLOT, SLOT),
    I64_ADD(Ir.I64_ADD, Opcode.I64_ADD, DST, SLOT, SLOT),
    I64_SUB(Ir.I64_SUB, Opcode.I64_SUB, DST, SLOT, SLOT),
    I64_MUL(Ir.I64_MUL, Opcode.I64_MUL, DST, SLOT, SLOT),
    I64_AND(Ir.I64_AND, Opcode.I64_AND, DST, SLOT, SLOT),
    I64_OR(Ir.I64_OR, Opcode.I64_OR, DST, SLOT, SLOT),
    I64_EQ(Ir.I64_EQ, Opcode.I64_EQ, DST, SLOT, SLOT),
    I64_LT_S(Ir.I64_LT_S, Opcode.I64_LT_S, DST, SLOT, SLOT),
    F64_ADD(Ir.F64_ADD, Opcode.F64_ADD, DST, SLOT, SLOT),
    F64_MUL(Ir.F64_MUL, Opcode.F64_MUL, DST, SLOT, SLOT),
    I32_EQZ(Ir.I32_EQZ, Opcode.I32_EQZ, DST, SLOT),
    I32_LOAD(Ir.I32_LOAD, Opcode.I32_LOAD, DST, SLOT, MEMFLAGS, OFFSET),
    /** {@code addr value memFlags offset}. */
    I32_STORE(Ir.I32_STORE, Opcode.I32_STORE, SLOT, SLOT, MEMFLAGS, OFFSET),
    /** Table, bulk-memory and segment operations: {@code opcode immA immB at}, see BulkOps. */
    BULK(Ir.BULK, null, OPCODE, IMM, IMM, BASE),
    /** Always followed by a RETURN, which returns a host callee's results. */
    RETURN_CALL(Ir.RETURN_CALL, Opcode.RETURN_CALL, FUNCTION, BASE),
    RETURN_CALL_INDIRECT(Ir.RETURN_CALL_INDIRECT, Opcode.RETURN_CALL_INDIRECT, TYPE, TABLE, BASE, SLOT),
    /** The CALL_INDIRECT layout, the callee from a funcref. */
    CALL_REF(Ir.CALL_REF, Opcode.CALL_REF, TYPE, UNUSED, BASE, SLOT),
    RETURN_CALL_REF(Ir.RETURN_CALL_REF, Opcode.RETURN_CALL_REF, TYPE, UNUSED, BASE, SLOT),
    /** All 64 bits compared, as references use them. */
    JUMP_IF_NULL(Ir.JUMP_IF_NULL, null, SLOT, TARGET),
    JUMP_IF_NON_NULL(Ir.JUMP_IF_NON_NULL, null, SLOT, TARGET),
    SAFEPOINT(Ir.SAFEPOINT, null),
    JUMP_I32_EQ(Ir.JUMP_I32_EQ, Opcode.I32_EQ, SLOT, SLOT, TARGET),
    JUMP_I32_NE(Ir.JUMP_I32_NE, Opcode.I32_NE, SLOT, SLOT, TARGET),
    JUMP_I32_LT_S(Ir.JUMP_I32_LT_S, Opcode.I32_LT_S, SLOT, SLOT, TARGET),
    JUMP_I32_GE_S(Ir.JUMP_I32_GE_S, Opcode.I32_GE_S, SLOT, SLOT, TARGET),
    JUMP_I32_GT_S(Ir.JUMP_I32_GT_S, Opcode.I32_GT_S, SLOT, SLOT, TARGET),
    JUMP_I32_LE_S(Ir.JUMP_I32_LE_S, Opcode.I32_LE_S, SLOT, SLOT, TARGET),
    JUMP_I32_LT_U(Ir.JUMP_I32_LT_U, Opcode.I32_LT_U, SLOT, SLOT, TARGET),
    JUMP_I32_GE_U(Ir.JUMP_I32_GE_U, Opcode.I32_GE_U, SLOT, SLOT, TARGET),
    JUMP_I32_GT_U(Ir.JUMP_I32_GT_U, Opcode.I32_GT_U, SLOT, SLOT, TARGET),
    JUMP_I32_LE_U(Ir.JUMP_I32_LE_U, Opcode.I32_LE_U, SLOT, SLOT, TARGET),
    I64_XOR(Ir.I64_XOR, Opcode.I64_XOR, DST, SLOT, SLOT),
    I64_SHL(Ir.I64_SHL, Opcode.I64_SHL, DST, SLOT, SLOT),
    I64_SHR_S(Ir.I64_SHR_S, Opcode.I64_SHR_S, DST, SLOT, SLOT),
    I64_SHR_U(Ir.I64_SHR_U, Opcode.I64_SHR_U, DST, SLOT, SLOT),
    I64_ROTL(Ir.I64_ROTL, Opcode.I64_ROTL, DST, SLOT, SLOT),
    I64_ROTR(Ir.I64_ROTR, Opcode.I64_ROTR, DST, SLOT, SLOT),
    I32_ROTL(Ir.I32_ROTL, Opcode.I32_ROTL, DST, SLOT, SLOT),
    I32_ROTR(Ir.I32_ROTR, Opcode.I32_ROTR, DST, SLOT, SLOT),
    I64_NE(Ir.I64_NE, Opcode.I64_NE, DST, SLOT, SLOT),
    I64_LT_U(Ir.I64_LT_U, Opcode.I64_LT_U, DST, SLOT, SLOT),
    I64_GT_U(Ir.I64_GT_U, Opcode.I64_GT_U, DST, SLOT, SLOT),
    I64_LE_U(Ir.I64_LE_U, Opcode.I64_LE_U, DST, SLOT, SLOT),
    I64_GE_U(Ir.I64_GE_U, Opcode.I64_GE_U, DST, SLOT, SLOT),
    I64_GT_S(Ir.I64_GT_S, Opcode.I64_GT_S, DST, SLOT, SLOT),
    I64_LE_S(Ir.I64_LE_S, Opcode.I64_LE_S, DST, SLOT, SLOT),
    I64_GE_S(Ir.I64_GE_S, Opcode.I64_GE_S, DST, SLOT, SLOT),
    I32_LE_U(Ir.I32_LE_U, Opcode.I32_LE_U, DST, SLOT, SLOT),
    I32_GE_U(Ir.I32_GE_U, Opcode.I32_GE_U, DST, SLOT, SLOT),
    I32_DIV_U(Ir.I32_DIV_U, Opcode.I32_DIV_U, DST, SLOT, SLOT),
    I32_REM_U(Ir.I32_REM_U, Opcode.I32_REM_U, DST, SLOT, SLOT),
    I64_EQZ(Ir.I64_EQZ, Opcode.I64_EQZ, DST, SLOT),
    I32_WRAP_I64(Ir.I32_WRAP_I64, Opcode.I32_WRAP_I64, DST, SLOT),
    I64_EXTEND_I32_S(Ir.I64_EXTEND_I32_S, Opcode.I64_EXTEND_I32_S, DST, SLOT),
    I64_EXTEND_I32_U(Ir.I64_EXTEND_I32_U, Opcode.I64_EXTEND_I32_U, DST, SLOT),
    I64_LOAD(Ir.I64_LOAD, Opcode.I64_LOAD, DST, SLOT, MEMFLAGS, OFFSET),
    I32_LOAD8_U(Ir.I32_LOAD8_U, Opcode.I32_LOAD8_U, DST, SLOT, MEMFLAGS, OFFSET),
    I64_STORE(Ir.I64_STORE, Opcode.I64_STORE, SLOT, SLOT, MEMFLAGS, OFFSET),
    I32_STORE8(Ir.I32_STORE8, Opcode.I32_STORE8, SLOT, SLOT, MEMFLAGS, OFFSET),
    JUMP_I64_EQ(Ir.JUMP_I64_EQ, Opcode.I64_EQ, SLOT, SLOT, TARGET),
    JUMP_I64_NE(Ir.JUMP_I64_NE, Opcode.I64_NE, SLOT, SLOT, TARGET),
    JUMP_I64_LT_S(Ir.JUMP_I64_LT_S, Opcode.I64_LT_S, SLOT, SLOT, TARGET),
    JUMP_I64_GE_S(Ir.JUMP_I64_GE_S, Opcode.I64_GE_S, SLOT, SLOT, TARGET),
    JUMP_I64_GT_S(Ir.JUMP_I64_GT_S, Opcode.I64_GT_S, SLOT, SLOT, TARGET),
    JUMP_I64_LE_S(Ir.JUMP_I64_LE_S, Opcode.I64_LE_S, SLOT, SLOT, TARGET),
    JUMP_I64_LT_U(Ir.JUMP_I64_LT_U, Opcode.I64_LT_U, SLOT, SLOT, TARGET),
    JUMP_I64_GE_U(Ir.JUMP_I64_GE_U, Opcode.I64_GE_U, SLOT, SLOT, TARGET),
    JUMP_I64_GT_U(Ir.JUMP_I64_GT_U, Opcode.I64_GT_U, SLOT, SLOT, TARGET),
    JUMP_I64_LE_U(Ir.JUMP_I64_LE_U, Opcode.I64_LE_U, SLOT, SLOT, TARGET),
    /** {@code dst x y c}: dst = x * y + c, an i32.mul whose product an i32.add consumes. */
    I32_MUL_ADD(Ir.I32_MUL_ADD, null, DST, SLOT, SLOT, SLOT),
    /** A new exception of the instance's tag, payload from the base up. */
    THROW(Ir.THROW, Opcode.THROW, TAG, BASE),
    /** Throws the exception an exnref names again; null traps. */
    THROW_REF(Ir.THROW_REF, Opcode.THROW_REF, SLOT),
    /** {@code opcode base memFlags offset}: operands from the base up, the result (if any) to it. */
    ATOMIC(Ir.ATOMIC, null, OPCODE, BASE, MEMFLAGS, OFFSET),
    /** {@code opcode base}: operands from the base up, the two results to base and base+1. */
    WIDE(Ir.WIDE, null, OPCODE, BASE),
    /** The value's four 32-bit words, low first. */
    V128_CONST(Ir.V128_CONST, Opcode.V128_CONST, DST, V128),
    V128_COPY(Ir.V128_COPY, null, DST, SLOT),
    /** The high halves of branch/return values; precedes the MOVE_N or RETURN that moves the low halves. */
    HIGH_MOVE_N(Ir.HIGH_MOVE_N, null, DST, SLOT, COUNT),
    V128_SELECT(Ir.V128_SELECT, Opcode.SELECT, DST, SLOT, SLOT, SLOT),
    V128_GLOBAL_GET(Ir.V128_GLOBAL_GET, Opcode.GLOBAL_GET, DST, GLOBAL),
    V128_GLOBAL_SET(Ir.V128_GLOBAL_SET, Opcode.GLOBAL_SET, GLOBAL, SLOT),
    SIMD_UNARY(Ir.SIMD_UNARY, null, DST, SLOT, OPCODE),
    SIMD_BINARY(Ir.SIMD_BINARY, null, DST, SLOT, SLOT, OPCODE),
    SIMD_TERNARY(Ir.SIMD_TERNARY, null, DST, SLOT, SLOT, SLOT, OPCODE),
    /** Splat, replace_lane, shifts (b a scalar). One-operand forms repeat a as b. */
    SIMD_TO_V128(Ir.SIMD_TO_V128, null, DST, SLOT, SLOT, OPCODE, LANE),
    /** extract_lane, any_true, all_true, bitmask. */
    SIMD_TO_SCALAR(Ir.SIMD_TO_SCALAR, null, DST, SLOT, SLOT, OPCODE, LANE),
    SHUFFLE(Ir.SHUFFLE, Opcode.I8X16_SHUFFLE, DST, SLOT, SLOT, LANES),
    /** Every v128 load and store: {@code dst addr value memFlags offset opcode lane}. */
    SIMD_MEM(Ir.SIMD_MEM, null, DST, SLOT, SLOT, MEMFLAGS, OFFSET, OPCODE, LANE),
    /**
     * Every GC proposal instruction that touches the heap or a reference's type: {@code opcode
     * dst base immA immB}, operands from the base up; immA a type index or a cast's heap type,
     * immB a field, length, segment, second type or cast flags (see GcExec).
     */
    GC(Ir.GC, null, OPCODE, DST, BASE, IMM, IMM);

    /** What an operand word (or words) means. */
    public enum Operand {
        /** A frame slot the operation writes. */
        DST(1),
        /** A frame slot it reads. */
        SLOT(1),
        /** The first of consecutive slots (call arguments and results, helper operands). */
        BASE(1),
        /** A 64-bit constant, low word first. */
        VALUE(2),
        /** A v128 constant, four words, low first. */
        V128(4),
        /** The 16 lane indices of a shuffle, packed four to a word. */
        LANES(4),
        GLOBAL(1),
        FUNCTION(1),
        TYPE(1),
        TABLE(1),
        MEMORY(1),
        TAG(1),
        /** A memory index, with {@code MemoryOps.MEMORY64} set for a 64-bit memory. */
        MEMFLAGS(1),
        /** A memarg offset, 64 bits, low word first. */
        OFFSET(2),
        /** An IR pc to jump to. */
        TARGET(1),
        /** A count: of values moved, or of BR_TABLE's non-default targets. */
        COUNT(1),
        /** BR_TABLE's targets: the preceding COUNT plus one (the default). */
        TARGETS(0),
        /** The ordinal of the Wasm {@link Opcode} a generic operation runs. */
        OPCODE(1),
        /** A lane index. */
        LANE(1),
        /** A raw immediate (a table, memory or segment index, meaning per operator). */
        IMM(1),
        /** A word the operation ignores. */
        UNUSED(1);

        private final int words;

        Operand(int words) {
            this.words = words;
        }

        /** The words this operand takes, 0 for the variadic {@link #TARGETS}. */
        public int words() {
            return words;
        }
    }

    private static final IrOp[] BY_CODE = byCode();

    private final int code;
    private final Opcode wasm;
    private final List<Operand> layout;
    /** Words of the fixed part: the code and every operand but TARGETS. */
    private final int fixedLength;
    /** Word offset of the COUNT that sizes TARGETS, or -1 when the length is fixed. */
    private final int countAt;
    /** Word offset of the OPCODE operand, or -1. */
    private final int opcodeAt;

    IrOp(int code, Opcode wasm, Operand... layout) {
        this.code = code;
        this.wasm = wasm;
        this.layout = List.of(layout);
        int at = 1;
        int count = -1;
        int opcode = -1;
        for (Operand o : layout) {
            if (o == TARGETS) {
                count = at - 1;
            }
            if (o == OPCODE) {
                opcode = at;
            }
            at += o.words();
        }
        this.fixedLength = at;
        this.countAt = count;
        this.opcodeAt = opcode;
    }

    private static IrOp[] byCode() {
        int max = 0;
        for (IrOp op : values()) {
            max = Math.max(max, op.code);
        }
        var table = new IrOp[max + 1];
        for (IrOp op : values()) {
            if (table[op.code] != null) {
                throw new IllegalStateException("IR code " + op.code + " is both " + table[op.code] + " and " + op);
            }
            table[op.code] = op;
        }
        return table;
    }

    /** The operation with IR code {@code code}, or null if there is none. */
    public static IrOp of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The operation at {@code pc}; an unknown code is a broken IR. */
    public static IrOp at(int[] code, int pc) {
        IrOp op = of(code[pc]);
        if (op == null) {
            throw new IllegalStateException("unknown IR code " + code[pc] + " at " + pc);
        }
        return op;
    }

    /** The IR code the interpreter dispatches on. */
    public int code() {
        return code;
    }

    /** The one Wasm operator this operation implements, or null if structural or generic. */
    public Opcode wasm() {
        return wasm;
    }

    /** Whether the Wasm operator comes from an {@link Operand#OPCODE} operand. */
    public boolean generic() {
        return opcodeAt >= 0;
    }

    /** The operand kinds, in order. */
    public List<Operand> layout() {
        return layout;
    }

    /** The word offset (from the code word) of the first operand of kind {@code kind}, or -1. */
    public int offsetOf(Operand kind) {
        int at = 1;
        for (Operand o : layout) {
            if (o == kind) {
                return at;
            }
            at += o.words();
        }
        return -1;
    }

    /** Whether the length depends on a count operand (BR_TABLE). */
    public boolean variadic() {
        return countAt >= 0;
    }

    /** Words of the fixed part (for a variadic operation, what precedes its targets). */
    public int fixedLength() {
        return fixedLength;
    }

    /** Words of the instruction at {@code pc}, which must be this operation. */
    public int length(int[] code, int pc) {
        return countAt < 0 ? fixedLength : fixedLength + code[pc + countAt] + 1;
    }

    /** The Wasm operator the generic instruction at {@code pc} runs. */
    public Opcode carried(int[] code, int pc) {
        if (opcodeAt < 0) {
            throw new IllegalStateException(this + " carries no opcode");
        }
        return Opcode.values()[code[pc + opcodeAt]];
    }

    /**
     * Whether this generic operation may carry {@code op}: the Wasm operators the lowering emits
     * it for. The JIT's coverage test walks these.
     */
    public boolean carries(Opcode op) {
        return CARRIES.get(this).test(op);
    }

    private static boolean simd(Opcode op) {
        return op.prefix() == Opcode.SIMD_PREFIX;
    }

    /** A scalar operator; the GC proposal's (prefix 0xFB) are the GC heap's, not UNARY's. */
    private static boolean plainNumeric(Opcode op, int operands) {
        return !simd(op)
                && op.prefix() != Opcode.GC_PREFIX
                && !op.isAtomic()
                && op.hasFixedSignature()
                && op.immediates() == Immediates.NONE
                && op.operands().size() == operands
                && op.results().size() == 1;
    }

    private static boolean memoryAccess(Opcode op) {
        return !op.isAtomic() && op.hasFixedSignature() && op.immediates() == Immediates.MEMARG;
    }

    private static boolean simdShape(Opcode op, int vectors) {
        return simd(op)
                && op.hasFixedSignature()
                && op.immediates() == Immediates.NONE
                && op.operands().size() == vectors
                && op.operands().stream().allMatch(t -> t == ValType.V128)
                && op.results().equals(List.of(ValType.V128));
    }

    private static boolean simdMixed(Opcode op, boolean vectorResult) {
        return simd(op)
                && op != Opcode.I8X16_SHUFFLE
                && op.hasFixedSignature()
                && (op.immediates() == Immediates.NONE || op.immediates() == Immediates.LANE)
                && op.results().size() == 1
                && (op.results().getFirst() == ValType.V128) == vectorResult
                && !(vectorResult && op.operands().stream().allMatch(t -> t == ValType.V128));
    }

    private static final java.util.Map<IrOp, Predicate<Opcode>> CARRIES = carriesTable();

    private static java.util.Map<IrOp, Predicate<Opcode>> carriesTable() {
        var map = new java.util.EnumMap<IrOp, Predicate<Opcode>>(IrOp.class);
        for (IrOp op : values()) {
            map.put(op, o -> false);
        }
        map.put(UNARY, o -> plainNumeric(o, 1) || o == Opcode.REF_IS_NULL || o == Opcode.REF_AS_NON_NULL);
        map.put(BINARY, o -> plainNumeric(o, 2) || o == Opcode.REF_EQ);
        map.put(LOAD, o -> !simd(o) && memoryAccess(o) && o.results().size() == 1);
        map.put(STORE, o -> !simd(o) && memoryAccess(o) && o.results().isEmpty());
        map.put(BULK, o -> switch (o) {
            case MEMORY_FILL,
                    MEMORY_COPY,
                    MEMORY_INIT,
                    DATA_DROP,
                    TABLE_GET,
                    TABLE_SET,
                    TABLE_SIZE,
                    TABLE_GROW,
                    TABLE_FILL,
                    TABLE_COPY,
                    TABLE_INIT,
                    ELEM_DROP -> true;
            default -> false;
        });
        map.put(ATOMIC, Opcode::isAtomic);
        map.put(WIDE, o -> switch (o) {
            case I64_ADD128, I64_SUB128, I64_MUL_WIDE_S, I64_MUL_WIDE_U -> true;
            default -> false;
        });
        map.put(SIMD_UNARY, o -> simdShape(o, 1));
        map.put(SIMD_BINARY, o -> simdShape(o, 2));
        map.put(SIMD_TERNARY, o -> simdShape(o, 3));
        map.put(SIMD_TO_V128, o -> simdMixed(o, true));
        map.put(SIMD_TO_SCALAR, o -> simdMixed(o, false));
        map.put(GC, o -> switch (o) {
            case REF_I31,
                    I31_GET_S,
                    I31_GET_U,
                    REF_TEST,
                    REF_TEST_NULL,
                    REF_CAST,
                    REF_CAST_NULL,
                    REF_CAST_DESC_EQ,
                    REF_CAST_DESC_EQ_NULL,
                    // The test that br_on_cast_desc_eq(_fail) branches on.
                    BR_ON_CAST_DESC_EQ,
                    REF_GET_DESC,
                    STRUCT_NEW,
                    STRUCT_NEW_DEFAULT,
                    STRUCT_NEW_DESC,
                    STRUCT_NEW_DEFAULT_DESC,
                    STRUCT_GET,
                    STRUCT_GET_S,
                    STRUCT_GET_U,
                    STRUCT_SET,
                    ARRAY_NEW,
                    ARRAY_NEW_DEFAULT,
                    ARRAY_NEW_FIXED,
                    ARRAY_NEW_DATA,
                    ARRAY_NEW_ELEM,
                    ARRAY_GET,
                    ARRAY_GET_S,
                    ARRAY_GET_U,
                    ARRAY_SET,
                    ARRAY_LEN,
                    ARRAY_FILL,
                    ARRAY_COPY,
                    ARRAY_INIT_DATA,
                    ARRAY_INIT_ELEM -> true;
            default -> false;
        });
        map.put(
                SIMD_MEM,
                o -> simd(o) && (o.immediates() == Immediates.MEMARG || o.immediates() == Immediates.MEMARG_LANE));
        return map;
    }

    /** The fused compare-and-branch for a compare operation, or null; {@code negate}: jump when it fails. */
    public IrOp fusedJump(boolean negate) {
        IrOp j =
                switch (this) {
                    case I32_EQ -> JUMP_I32_EQ;
                    case I32_NE -> JUMP_I32_NE;
                    case I32_LT_S -> JUMP_I32_LT_S;
                    case I32_GE_S -> JUMP_I32_GE_S;
                    case I32_GT_S -> JUMP_I32_GT_S;
                    case I32_LE_S -> JUMP_I32_LE_S;
                    case I32_LT_U -> JUMP_I32_LT_U;
                    case I32_GT_U -> JUMP_I32_GT_U;
                    case I32_GE_U -> JUMP_I32_GE_U;
                    case I32_LE_U -> JUMP_I32_LE_U;
                    case I64_EQ -> JUMP_I64_EQ;
                    case I64_NE -> JUMP_I64_NE;
                    case I64_LT_S -> JUMP_I64_LT_S;
                    case I64_GE_S -> JUMP_I64_GE_S;
                    case I64_GT_S -> JUMP_I64_GT_S;
                    case I64_LE_S -> JUMP_I64_LE_S;
                    case I64_LT_U -> JUMP_I64_LT_U;
                    case I64_GE_U -> JUMP_I64_GE_U;
                    case I64_GT_U -> JUMP_I64_GT_U;
                    case I64_LE_U -> JUMP_I64_LE_U;
                    default -> null;
                };
        return j == null || !negate ? j : j.negated();
    }

    /** The fused jump taken exactly when this one is not; null for any other operation. */
    public IrOp negated() {
        return switch (this) {
            case JUMP_I32_EQ -> JUMP_I32_NE;
            case JUMP_I32_NE -> JUMP_I32_EQ;
            case JUMP_I32_LT_S -> JUMP_I32_GE_S;
            case JUMP_I32_GE_S -> JUMP_I32_LT_S;
            case JUMP_I32_GT_S -> JUMP_I32_LE_S;
            case JUMP_I32_LE_S -> JUMP_I32_GT_S;
            case JUMP_I32_LT_U -> JUMP_I32_GE_U;
            case JUMP_I32_GE_U -> JUMP_I32_LT_U;
            case JUMP_I32_GT_U -> JUMP_I32_LE_U;
            case JUMP_I32_LE_U -> JUMP_I32_GT_U;
            case JUMP_I64_EQ -> JUMP_I64_NE;
            case JUMP_I64_NE -> JUMP_I64_EQ;
            case JUMP_I64_LT_S -> JUMP_I64_GE_S;
            case JUMP_I64_GE_S -> JUMP_I64_LT_S;
            case JUMP_I64_GT_S -> JUMP_I64_LE_S;
            case JUMP_I64_LE_S -> JUMP_I64_GT_S;
            case JUMP_I64_LT_U -> JUMP_I64_GE_U;
            case JUMP_I64_GE_U -> JUMP_I64_LT_U;
            case JUMP_I64_GT_U -> JUMP_I64_LE_U;
            case JUMP_I64_LE_U -> JUMP_I64_GT_U;
            default -> null;
        };
    }

    /**
     * Checks {@code words} (an instruction as the lowering emits it) against the layout: the
     * fixed length, or for a variadic operation its fixed part, the targets following.
     */
    static void checkEmit(int[] words) {
        IrOp op = of(words[0]);
        if (op == null || words.length != op.fixedLength) {
            throw new IllegalStateException("IR emitted against its layout: " + java.util.Arrays.toString(words)
                    + (op == null ? " (unknown code)" : " for " + op + " " + op.layout));
        }
    }
}
