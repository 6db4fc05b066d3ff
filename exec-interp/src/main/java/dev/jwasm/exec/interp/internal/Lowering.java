package dev.jwasm.exec.interp.internal;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.code.Catch;
import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.code.ValidatedState;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.StorageKind;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers one validated function body to register IR in one pass over the validator's stream
 * ({@link WasmFunctionInstance#lower}), made twice: the first pass only finds the constant pool
 * (see {@link #lower}). The lowering is the validator's downstream visitor, so it
 * sees each instruction only after it was validated and takes from the {@link ValidatedState}
 * what it needs: resolved block types, and operand types (untyped {@code select} takes its v128
 * form from the result type there). Each operand stack position is a frame slot (locals first);
 * the lowering still tracks the stack height itself, from {@link Opcode#operands()}/{@link
 * Opcode#results()} and function and block types, because it skips dead code, where the
 * validator's stack is polymorphic.
 *
 * <p>Exception handlers (try_table clauses, legacy catch arms and delegates) are collected per
 * block and written as a table after the code when the function ends; see {@link Handlers}.
 *
 * <p>Code after an unconditional branch is unreachable (spec 3.3.5, "stack-polymorphic"); it
 * is skipped, tracking only block nesting, until the enclosing block's {@code else} or {@code end}.
 */
public final class Lowering implements InstructionVisitor {
    private static final class Control {
        final Opcode kind;
        final int height;
        final int params;
        final int results;
        final int loopStart;
        final boolean deadAtStart;
        /** The block's parameter and result types (both empty in dead code). */
        final FuncType type;

        final List<Integer> fixups = new ArrayList<>();
        int elseFixup = -1;
        /** Where the block's end landed (branch target of handlers resolved after it ends). */
        int endPc = -1;
        /** try/try_table: the first pc of the body, which its handlers cover. */
        int tryStart = -1;
        /** try: the pc after the body (the first catch arm begins there); -1 while in the body. */
        int bodyEnd = -1;
        /** try_table clauses and legacy catch arms, entered in the table when the block ends. */
        final List<Handler> handlers = new ArrayList<>();
        /** Legacy try: a rethrow names it, so its arms keep the caught exnref in its bottom slot. */
        boolean rethrown;
        /** try/try_table: the index its handlers start at in the table, once it has ended. */
        int firstEntry = -1;

        Control(Opcode kind, int height, FuncType type, int loopStart, boolean deadAtStart) {
            this.kind = kind;
            this.type = type;
            this.height = height;
            this.params = type.params().size();
            this.results = type.results().size();
            this.loopStart = loopStart;
            this.deadAtStart = deadAtStart;
        }

        int branchArity() {
            return kind == Opcode.LOOP ? params : results;
        }

        List<ValType> branchTypes() {
            return kind == Opcode.LOOP ? type.params() : type.results();
        }

        boolean isTry() {
            return kind == Opcode.TRY || kind == Opcode.TRY_TABLE;
        }
    }

    /**
     * One handler entry before the table is written: where it goes is either a pc ({@code pc})
     * or a branch target resolved once that has ended ({@code target}); a delegate entry names
     * the try whose handlers the search continues at ({@code resumeAt}, null: the caller's).
     */
    private static final class Handler {
        int start;
        int end;
        final int tag;
        final int payloadSlot;
        int refSlot;
        int pc = -1;
        Control target;
        Control resumeAt;

        Handler(int tag, int payloadSlot, int refSlot) {
            this.tag = tag;
            this.payloadSlot = payloadSlot;
            this.refSlot = refSlot;
        }
    }

    /** How many trailing copies and constants an operator may still fold (see {@link #operand}). */
    private static final int MAX_PENDING = 8;
    /** At most this many distinct constants get a frame slot; the rest stay CONST instructions. */
    static final int MAX_POOLED = 64;

    private final InstanceState instance;
    private final IntBuffer code = new IntBuffer();
    private final List<Control> controls = new ArrayList<>();
    private final int params;
    private final int locals;
    private final ValType[] localTypes;
    /** The validator's state for the instruction being lowered (see {@link #lower}). */
    private ValidatedState state;

    private final int functionResults;

    /**
     * The constant pool: constant values an operator reads in place from a frame slot ({@code
     * locals + index}) that function entry fills in, so that no CONST instruction runs for them.
     * The first lowering pass discovers it, the second uses it.
     */
    private final Map<Long, Integer> pool;

    private final boolean discovering;
    /** The first operand-stack slot: above the locals and the constant pool. */
    private final int base;

    private int height;
    private int maxHeight;
    /**
     * Peephole state (the design's "local+const+op" superinstruction, done as copy elimination):
     * the {@code local.get} copies and constants, in code order, that an operator may still read
     * in place, removing the instruction. An entry dies when its stack slot or its local is
     * written, and all die at every label or jump, since code between the copy and its use must
     * hold no recorded position that a removal would shift.
     */
    private final int[] pendPos = new int[MAX_PENDING];

    private final int[] pendDst = new int[MAX_PENDING];
    private final int[] pendLocal = new int[MAX_PENDING];
    private final long[] pendValue = new long[MAX_PENDING];
    private int pendCount;
    /** Where the last instruction's destination operand is, while a local.set may retarget it. */
    private int lastDst = -1;
    /** Where the last straight-line operator starts (-1 after a barrier), for two-operator fusion. */
    private int lastOp = -1;

    private boolean dead;
    private boolean finished;
    /** The reference maps of the points where the collector may run (see {@link GcMaps}). */
    private final GcMaps.Builder gcMaps = new GcMaps.Builder();
    /** Handler entries in the order their blocks ended, see {@link Handlers}. */
    private final List<Handler> entries = new ArrayList<>();
    /** Whether a handler branches to the function's own label: it lands on a final RETURN. */
    private boolean returnPad;

    private Lowering(
            InstanceState instance,
            FuncType type,
            List<ValType> declaredLocals,
            Map<Long, Integer> pool,
            boolean discovering) {
        this.instance = instance;
        this.params = type.params().size();
        this.locals = params + declaredLocals.size();
        this.localTypes = new ValType[locals];
        for (int i = 0; i < locals; i++) {
            localTypes[i] = i < params ? type.params().get(i) : declaredLocals.get(i - params);
        }
        this.functionResults = type.results().size();
        this.pool = pool;
        this.discovering = discovering;
        // While discovering, pool slots must not alias stack slots, though that code is dropped.
        this.base = locals + (discovering ? MAX_POOLED : pool.size());
        controls.add(new Control(Opcode.BLOCK, 0, FuncType.of(List.of(), type.results()), -1, false));
    }

    /**
     * Lowers {@code function}'s body; the function's instance must be fully linked. Two passes:
     * the first finds which constants operators read (the pool), the second numbers the operand
     * stack above them.
     */
    public static CompiledFunction lower(WasmFunctionInstance function) {
        var pool = new LinkedHashMap<Long, Integer>();
        run(new Lowering(function.instance(), function.type(), function.code().locals(), pool, true), function);
        var lowering = run(
                new Lowering(
                        function.instance(), function.type(), function.code().locals(), pool, false),
                function);
        long[] frameInit = new long[lowering.locals - lowering.params + pool.size()];
        for (var e : pool.entrySet()) {
            frameInit[lowering.locals - lowering.params + e.getValue()] = e.getKey();
        }
        return new CompiledFunction(
                lowering.code.toArray(),
                lowering.params,
                lowering.locals,
                lowering.base + lowering.maxHeight + 1,
                frameInit,
                function.code().locals().contains(ValType.V128),
                lowering.gcMaps.build());
    }

    private static Lowering run(Lowering lowering, WasmFunctionInstance function) {
        function.lower(validated -> {
            lowering.state = validated;
            return lowering;
        });
        if (!lowering.finished) {
            throw new JwasmException("function body of function " + function.index() + " has no final end");
        }
        lowering.writeHandlers();
        return lowering;
    }

    /** Appends the handler table and its start word after the code (layout in {@link Handlers}). */
    private void writeHandlers() {
        int returnAt = code.size();
        if (returnPad) {
            code.add(Ir.RETURN);
            code.add(slot(0));
            code.add(functionResults);
        }
        int tableStart = code.size();
        for (Handler h : entries) {
            int target;
            if (h.tag == Handlers.DELEGATE) {
                int index = h.resumeAt == null ? entries.size() : h.resumeAt.firstEntry;
                target = tableStart + index * Handlers.ENTRY;
            } else if (h.target == null) {
                target = h.pc;
            } else if (h.target.kind == Opcode.LOOP) {
                target = h.target.loopStart;
            } else {
                target = h.target.endPc < 0 ? returnAt : h.target.endPc;
            }
            code.add(h.start);
            code.add(h.end);
            code.add(h.tag);
            code.add(h.payloadSlot);
            code.add(h.refSlot);
            code.add(target);
        }
        code.add(tableStart);
    }

    private int slot(int h) {
        return base + h;
    }

    private void push(int n) {
        height += n;
        maxHeight = Math.max(maxHeight, height);
    }

    /** Pushes values of {@code types}. */
    private void push(List<ValType> types) {
        push(types.size());
    }

    /**
     * Before a MOVE_N or RETURN of values of {@code types} from {@code src} to {@code dst}: moves
     * their high halves too when one of them is a v128.
     */
    private void moveHighs(List<ValType> types, int dst, int src) {
        if (types.contains(ValType.V128) && dst != src) {
            emit(Ir.HIGH_MOVE_N, dst, src, types.size());
        }
    }

    /** Returns {@code types} from {@code src}: the high halves of v128s first, then RETURN. */
    private void emitReturn(int src, List<ValType> types) {
        moveHighs(types, 0, src);
        emit(Ir.RETURN, src, types.size());
    }

    /** Emits a control instruction (or one that writes several slots): a peephole barrier. */
    private void emit(int... words) {
        IrOp.checkEmit(words);
        barrier();
        for (int w : words) {
            code.add(w);
        }
    }

    /** Forgets the peephole state: called for control instructions and where a label binds. */
    private void barrier() {
        pendCount = 0;
        lastDst = -1;
        lastOp = -1;
    }

    /**
     * Emits a straight-line instruction that writes at most the slot {@code dst} (-1 for none),
     * as its first operand, and records no code position; pending copies survive it.
     */
    private void emitOp(int dst, int... words) {
        IrOp.checkEmit(words);
        int at = code.size();
        if (dst >= 0) {
            clobber(dst);
        }
        for (int w : words) {
            code.add(w);
        }
        lastDst = dst >= 0 ? at + 1 : -1;
        lastOp = at;
    }

    /** Emits an instruction whose destination operand (right after the code) a local.set may retarget. */
    private void emitResult(int... words) {
        emitOp(words[1], words);
    }

    /** Forgets pending copies that write {@code slot} or read it (when it is a local). */
    private void clobber(int slot) {
        for (int i = pendCount - 1; i >= 0; i--) {
            if (pendDst[i] == slot || pendLocal[i] == slot) {
                forget(i);
            }
        }
    }

    private void forget(int i) {
        for (int k = i + 1; k < pendCount; k++) {
            pendPos[k - 1] = pendPos[k];
            pendDst[k - 1] = pendDst[k];
            pendLocal[k - 1] = pendLocal[k];
            pendValue[k - 1] = pendValue[k];
        }
        pendCount--;
    }

    /** Forgets the pending copy whose instruction starts at {@code at}, if there is one. */
    private void forgetAt(int at) {
        for (int i = pendCount - 1; i >= 0; i--) {
            if (pendPos[i] == at) {
                forget(i);
            }
        }
    }

    /** Remembers a copy or constant just emitted at {@code at} ({@code local} is -1 for a constant). */
    private void remember(int at, int dst, int local, long value) {
        if (pendCount == MAX_PENDING) {
            forget(0);
        }
        pendPos[pendCount] = at;
        pendDst[pendCount] = dst;
        pendLocal[pendCount] = local;
        pendValue[pendCount] = value;
        pendCount++;
        lastDst = at + 1;
    }

    /** Removes the pending instruction {@code i} ({@code length} words), shifting later positions. */
    private void removePending(int i, int length) {
        int at = pendPos[i];
        code.remove(at, length);
        forget(i);
        for (int k = 0; k < pendCount; k++) {
            if (pendPos[k] > at) {
                pendPos[k] -= length;
            }
        }
        if (lastDst > at) {
            lastDst -= length;
        }
        if (lastOp > at) {
            lastOp -= length;
        }
    }

    /** The pool index of constant {@code value}, adding it while discovering; null if not pooled. */
    private Integer poolIndex(long value) {
        Integer index = pool.get(value);
        if (index == null && discovering && pool.size() < MAX_POOLED) {
            index = pool.size();
            pool.put(value, index);
        }
        return index;
    }

    /**
     * The slot an operator should read for the stack value in {@code slot}: the local itself when
     * the value is a pending {@code local.get} copy, or the constant's pool slot when it is a
     * pooled constant; the copy or constant instruction is then removed.
     */
    private int operand(int slot) {
        for (int i = pendCount - 1; i >= 0; i--) {
            if (pendDst[i] == slot) {
                int local = pendLocal[i];
                if (local >= 0) {
                    removePending(i, IrOp.COPY.fixedLength());
                    return local;
                }
                Integer index = poolIndex(pendValue[i]);
                if (index == null) {
                    return slot;
                }
                removePending(i, IrOp.CONST.fixedLength());
                return locals + index;
            }
        }
        return slot;
    }

    private static JwasmException unsupported(Opcode op) {
        return new JwasmException("the interpreter does not support " + op.mnemonic() + " yet");
    }

    /** Moves the branch values to the target's height and jumps (or returns from the function). */
    private void branch(int depth) {
        Control target = controls.get(controls.size() - 1 - depth);
        int arity = target.branchArity();
        if (controls.size() - 1 - depth == 0) {
            emitReturn(slot(height - arity), target.branchTypes());
            return;
        }
        if (arity > 0 && target.height != height - arity) {
            moveHighs(target.branchTypes(), slot(target.height), slot(height - arity));
            emit(Ir.MOVE_N, slot(target.height), slot(height - arity), arity);
        }
        emit(Ir.JUMP, 0);
        if (target.kind == Opcode.LOOP) {
            code.set(code.size() - 1, target.loopStart);
        } else {
            target.fixups.add(code.size() - 1);
        }
    }

    /**
     * Emits a conditional jump on {@code cond} (placeholder target in the last word), fusing it
     * with the compare that just produced {@code cond} when there is one: jump when the condition
     * is non-zero if {@code whenTrue}, else when it is zero.
     */
    private void conditionalJump(int cond, boolean whenTrue) {
        if (lastDst > 0 && code.get(lastDst) == cond) {
            int at = lastDst - 1;
            int op = code.get(at);
            if (op == Ir.I32_EQZ || op == Ir.I64_EQZ) {
                int a = code.get(at + 2);
                code.remove(at, IrOp.I32_EQZ.fixedLength());
                // i64.eqz tests all 64 bits, as the null tests do.
                int jump = op == Ir.I32_EQZ
                        ? (whenTrue ? Ir.JUMP_IF_ZERO : Ir.JUMP_IF_NONZERO)
                        : (whenTrue ? Ir.JUMP_IF_NULL : Ir.JUMP_IF_NON_NULL);
                emit(jump, a, 0);
                return;
            }
            IrOp compare = IrOp.of(op);
            IrOp fused = compare == null ? null : compare.fusedJump(!whenTrue);
            if (fused != null) {
                int a = code.get(at + 2);
                int b = code.get(at + 3);
                code.remove(at, compare.fixedLength());
                emit(fused.code(), a, b, 0);
                return;
            }
        }
        int src = operand(cond);
        emit(whenTrue ? Ir.JUMP_IF_NONZERO : Ir.JUMP_IF_ZERO, src, 0);
    }

    private boolean needsMoves(int depth) {
        Control target = controls.get(controls.size() - 1 - depth);
        int arity = target.branchArity();
        return controls.size() - 1 - depth == 0 || (arity > 0 && target.height != height - arity);
    }

    @Override
    public void visitSimple(Opcode op) {
        if (op == Opcode.END) {
            end();
            return;
        }
        if (op == Opcode.ELSE) {
            elseArm();
            return;
        }
        if (op == Opcode.CATCH_ALL) {
            catchArm(Handlers.ALL);
            return;
        }
        if (dead) {
            return;
        }
        switch (op) {
            case NOP -> {}
            case THROW_REF -> {
                emit(Ir.THROW_REF, slot(height - 1));
                height--;
                dead = true;
            }
            case UNREACHABLE -> {
                emit(Ir.UNREACHABLE);
                dead = true;
            }
            case RETURN -> {
                branch(controls.size() - 1);
                dead = true;
            }
            case DROP -> height--;
            case SELECT -> {
                // Both operands have the result's type (the validator's): a v128 moves both halves.
                int select = state.operandType(0) == ValType.V128 ? Ir.V128_SELECT : Ir.SELECT;
                int cond = operand(slot(height - 1));
                int b = operand(slot(height - 2));
                int a = operand(slot(height - 3));
                emitResult(select, slot(height - 3), a, b, cond);
                height -= 2;
            }
            case REF_AS_NON_NULL -> emit(Ir.UNARY, slot(height - 1), slot(height - 1), op.ordinal());
            case REF_IS_NULL -> emit(Ir.UNARY, slot(height - 1), slot(height - 1), op.ordinal());
            case REF_EQ -> {
                emit(Ir.BINARY, slot(height - 2), slot(height - 2), slot(height - 1), op.ordinal());
                height--;
            }
            // The conversions keep the bits (see dev.jwasm.spi.GcRefs): nothing to run.
            case ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY -> {}
            case REF_I31, I31_GET_S, I31_GET_U, ARRAY_LEN -> gc(op, 1, 1, 0, 0, null);
            case ATOMIC_FENCE -> emit(Ir.ATOMIC, op.ordinal(), 0, 0, 0, 0);
            case I64_ADD128, I64_SUB128, I64_MUL_WIDE_S, I64_MUL_WIDE_U -> {
                int n = op.operands().size();
                emit(Ir.WIDE, op.ordinal(), slot(height - n));
                height -= n;
                push(op.results().size());
            }
            default -> numeric(op);
        }
    }

    private void numeric(Opcode op) {
        if (!op.hasFixedSignature() || op.results().size() != 1) {
            throw unsupported(op);
        }
        if (op.prefix() == Opcode.SIMD_PREFIX) {
            simd(op, 0);
            return;
        }
        switch (op.operands().size()) {
            case 1 -> {
                int a = slot(height - 1);
                int srcA = operand(a);
                int hot = hotUnary(op);
                if (hot >= 0) {
                    emitResult(hot, a, srcA);
                } else {
                    emitResult(Ir.UNARY, a, srcA, op.ordinal());
                }
            }
            case 2 -> {
                int a = slot(height - 2);
                int b = slot(height - 1);
                int srcB = operand(b);
                int srcA = operand(a);
                int hot = hotBinary(op);
                if (hot == Ir.I32_ADD && fuseMultiplyAdd(a, srcA, srcB)) {
                    height--;
                    return;
                }
                if (hot >= 0) {
                    emitResult(hot, a, srcA, srcB);
                } else {
                    emitResult(Ir.BINARY, a, srcA, srcB, op.ordinal());
                }
                height--;
            }
            default -> throw unsupported(op);
        }
    }

    /**
     * A v128 operator without memory immediates: its operands are the top stack values, its
     * result replaces the first. Operators whose operands are all v128 take their shape's IR
     * code; the rest (splat, lanes, shifts, tests) take SIMD_TO_V128 or SIMD_TO_SCALAR.
     */
    private void simd(Opcode op, int lane) {
        List<ValType> in = op.operands();
        int n = in.size();
        int dst = slot(height - n);
        // Operands read in place when they are trailing local.get copies; the last one first.
        int c = n > 2 ? operand(slot(height - 1)) : -1;
        int b = n > 1 ? operand(slot(height - n + 1)) : -1;
        int a = operand(dst);
        boolean vectorResult = op.results().getFirst() == ValType.V128;
        boolean allVectors = in.stream().allMatch(t -> t == ValType.V128);
        if (allVectors && vectorResult) {
            switch (n) {
                case 1 -> emitResult(Ir.SIMD_UNARY, dst, a, op.ordinal());
                case 2 -> emitResult(Ir.SIMD_BINARY, dst, a, b, op.ordinal());
                default -> emitResult(Ir.SIMD_TERNARY, dst, a, b, c, op.ordinal());
            }
        } else {
            // One-operand forms read b as a too (unused): any valid slot will do.
            emitResult(vectorResult ? Ir.SIMD_TO_V128 : Ir.SIMD_TO_SCALAR, dst, a, n > 1 ? b : a, op.ordinal(), lane);
        }
        height -= n;
        push(op.results());
    }

    /**
     * Fuses an i32.add with the i32.mul just before it when the add consumes the product (a
     * stack temporary, read by nothing else): {@code x * y + c} in one dispatch, as in linear
     * congruential generators and index arithmetic.
     */
    private boolean fuseMultiplyAdd(int dst, int srcA, int srcB) {
        int at = lastOp;
        // The multiply must be the last instruction (copies after it folded away by now).
        if (at < 0 || code.get(at) != Ir.I32_MUL || at + IrOp.I32_MUL.fixedLength() != code.size()) {
            return false;
        }
        int product = code.get(at + 1);
        if (product < base || (srcA == product) == (srcB == product)) {
            return false;
        }
        int addend = srcA == product ? srcB : srcA;
        int x = code.get(at + 2);
        int y = code.get(at + 3);
        code.remove(at, IrOp.I32_MUL.fixedLength());
        emitResult(Ir.I32_MUL_ADD, dst, x, y, addend);
        return true;
    }

    private static int hotUnary(Opcode op) {
        return switch (op) {
            case I32_EQZ -> Ir.I32_EQZ;
            case I64_EQZ -> Ir.I64_EQZ;
            case I32_WRAP_I64 -> Ir.I32_WRAP_I64;
            case I64_EXTEND_I32_S -> Ir.I64_EXTEND_I32_S;
            case I64_EXTEND_I32_U -> Ir.I64_EXTEND_I32_U;
            default -> -1;
        };
    }

    private static int hotBinary(Opcode op) {
        return switch (op) {
            case I32_ADD -> Ir.I32_ADD;
            case I32_SUB -> Ir.I32_SUB;
            case I32_MUL -> Ir.I32_MUL;
            case I32_AND -> Ir.I32_AND;
            case I32_OR -> Ir.I32_OR;
            case I32_XOR -> Ir.I32_XOR;
            case I32_SHL -> Ir.I32_SHL;
            case I32_SHR_S -> Ir.I32_SHR_S;
            case I32_SHR_U -> Ir.I32_SHR_U;
            case I32_EQ -> Ir.I32_EQ;
            case I32_NE -> Ir.I32_NE;
            case I32_LT_S -> Ir.I32_LT_S;
            case I32_LT_U -> Ir.I32_LT_U;
            case I32_GT_S -> Ir.I32_GT_S;
            case I32_GT_U -> Ir.I32_GT_U;
            case I32_LE_S -> Ir.I32_LE_S;
            case I32_GE_S -> Ir.I32_GE_S;
            case I32_LE_U -> Ir.I32_LE_U;
            case I32_GE_U -> Ir.I32_GE_U;
            case I32_ROTL -> Ir.I32_ROTL;
            case I32_ROTR -> Ir.I32_ROTR;
            case I32_DIV_U -> Ir.I32_DIV_U;
            case I32_REM_U -> Ir.I32_REM_U;
            case I64_XOR -> Ir.I64_XOR;
            case I64_SHL -> Ir.I64_SHL;
            case I64_SHR_S -> Ir.I64_SHR_S;
            case I64_SHR_U -> Ir.I64_SHR_U;
            case I64_ROTL -> Ir.I64_ROTL;
            case I64_ROTR -> Ir.I64_ROTR;
            case I64_NE -> Ir.I64_NE;
            case I64_LT_U -> Ir.I64_LT_U;
            case I64_GT_U -> Ir.I64_GT_U;
            case I64_LE_U -> Ir.I64_LE_U;
            case I64_GE_U -> Ir.I64_GE_U;
            case I64_GT_S -> Ir.I64_GT_S;
            case I64_LE_S -> Ir.I64_LE_S;
            case I64_GE_S -> Ir.I64_GE_S;
            case I64_ADD -> Ir.I64_ADD;
            case I64_SUB -> Ir.I64_SUB;
            case I64_MUL -> Ir.I64_MUL;
            case I64_AND -> Ir.I64_AND;
            case I64_OR -> Ir.I64_OR;
            case I64_EQ -> Ir.I64_EQ;
            case I64_LT_S -> Ir.I64_LT_S;
            case F64_ADD -> Ir.F64_ADD;
            case F64_MUL -> Ir.F64_MUL;
            default -> -1;
        };
    }

    private void end() {
        Control c = controls.getLast();
        if (controls.size() == 1) {
            controls.removeLast();
            if (!dead) {
                emitReturn(slot(height - c.results), c.type.results());
            }
            finished = true;
            return;
        }
        if (c.kind == Opcode.TRY && c.bodyEnd >= 0) {
            closeArm(c, true);
        }
        controls.removeLast();
        barrier();
        int here = code.size();
        for (int at : c.fixups) {
            code.set(at, here);
        }
        if (c.elseFixup >= 0) {
            code.set(c.elseFixup, here);
        }
        c.endPc = here;
        if (c.isTry()) {
            enterHandlers(c, here);
        }
        height = c.height;
        // The results may never have been pushed inside (a body ending in throw or br).
        push(c.type.results());
        dead = c.deadAtStart;
    }

    /**
     * Enters a try's or try_table's handlers in the table, covering its body: up to the first
     * catch arm for a legacy try (the arms are outside it), else up to its end.
     */
    private void enterHandlers(Control c, int here) {
        int bodyEnd = c.kind == Opcode.TRY && c.bodyEnd >= 0 ? c.bodyEnd : here;
        c.firstEntry = entries.size();
        for (Handler h : c.handlers) {
            h.start = c.tryStart;
            h.end = bodyEnd;
            if (c.rethrown && h.tag != Handlers.DELEGATE) {
                h.refSlot = slot(c.height);
            }
            entries.add(h);
        }
    }

    /** The number of payload slots of a tag's exceptions: one per value (a v128's high half is in the high stack). */
    private int payloadCount(int tagIndex) {
        return instance.tags[tagIndex].type().params().size();
    }

    /**
     * Legacy {@code catch tag} or {@code catch_all} (tag {@link Handlers#ALL}): ends the body or
     * the previous arm and opens an arm. An arm's stack starts above a hidden slot at the try's
     * height that holds the caught exnref when a rethrow needs it, then the payload.
     */
    private void catchArm(int tag) {
        Control c = controls.getLast();
        if (c.deadAtStart) {
            return;
        }
        if (c.bodyEnd < 0) {
            if (!dead) {
                emit(Ir.JUMP, 0);
                c.fixups.add(code.size() - 1);
            }
            barrier();
            c.bodyEnd = code.size();
        } else {
            closeArm(c, false);
        }
        barrier();
        int n = tag == Handlers.ALL ? 0 : payloadCount(tag);
        var h = new Handler(tag, tag == Handlers.ALL ? -1 : slot(c.height) + 1, -1);
        h.pc = code.size();
        c.handlers.add(h);
        height = c.height + 1 + n;
        maxHeight = Math.max(maxHeight, height);
        dead = false;
    }

    /** Ends a live catch arm: its results move down over the hidden slot, then to the try's end. */
    private void closeArm(Control c, boolean last) {
        if (dead) {
            return;
        }
        int r = c.results;
        if (r > 0 && height - r != c.height) {
            // A v128 result (say a v128 payload the arm leaves as is) moves its high half too.
            moveHighs(c.type.results(), slot(c.height), slot(height - r));
            emit(Ir.MOVE_N, slot(c.height), slot(height - r), r);
        }
        if (!last) {
            emit(Ir.JUMP, 0);
            c.fixups.add(code.size() - 1);
        }
    }

    private void elseArm() {
        Control c = controls.getLast();
        if (!dead) {
            emit(Ir.JUMP, 0);
            c.fixups.add(code.size() - 1);
        }
        barrier();
        if (c.elseFixup >= 0) {
            code.set(c.elseFixup, code.size());
            c.elseFixup = -1;
        }
        height = c.height;
        push(c.type.params());
        dead = c.deadAtStart;
    }

    @Override
    public void visitBlock(Opcode op, BlockType type) {
        if (dead) {
            controls.add(new Control(op, height, FuncType.of(List.of(), List.of()), -1, true));
            return;
        }
        FuncType bt = state.blockType();
        int p = bt.params().size();
        switch (op) {
            case BLOCK -> controls.add(new Control(op, height - p, bt, -1, false));
            case LOOP -> {
                // A label: no copy may be folded across it. Back-edges are safepoints (Machine.to).
                barrier();
                controls.add(new Control(op, height - p, bt, code.size(), false));
            }
            case TRY -> {
                barrier();
                var c = new Control(op, height - p, bt, -1, false);
                c.tryStart = code.size();
                controls.add(c);
            }
            case IF -> {
                // Parameters stay in their slots for whichever arm runs: only one of them does.
                height--;
                conditionalJump(slot(height), false);
                var c = new Control(op, height - p, bt, -1, false);
                c.elseFixup = code.size() - 1;
                controls.add(c);
            }
            default -> throw unsupported(op);
        }
    }

    @Override
    public void visitLabel(Opcode op, int depth) {
        if (op == Opcode.DELEGATE) {
            delegate(depth);
            return;
        }
        if (dead) {
            return;
        }
        switch (op) {
            case RETHROW -> {
                // Validation guarantees the label is a try's catch arm, whose bottom slot holds the exnref.
                Control target = controls.get(controls.size() - 1 - depth);
                target.rethrown = true;
                emit(Ir.THROW_REF, slot(target.height));
                dead = true;
            }
            case BR -> {
                branch(depth);
                dead = true;
            }
            case BR_IF -> branchIf(depth);
            case BR_ON_NULL -> {
                // Null: drop it and branch with the values beneath. Otherwise the reference stays.
                int ref = slot(height - 1);
                emit(Ir.JUMP_IF_NON_NULL, ref, 0);
                int skip = code.size() - 1;
                height--;
                branch(depth);
                height++;
                barrier();
                code.set(skip, code.size());
            }
            case BR_ON_NON_NULL -> {
                // Non-null: branch carrying it. Otherwise drop it and fall through.
                int ref = slot(height - 1);
                emit(Ir.JUMP_IF_NULL, ref, 0);
                int skip = code.size() - 1;
                branch(depth);
                barrier();
                code.set(skip, code.size());
                height--;
            }
            default -> throw unsupported(op);
        }
    }

    /** {@code br_if depth} on the condition at the top of the stack, which it pops. */
    private void branchIf(int depth) {
        height--;
        int cond = slot(height);
        if (needsMoves(depth)) {
            conditionalJump(cond, false);
            int skip = code.size() - 1;
            branch(depth);
            barrier();
            code.set(skip, code.size());
        } else {
            Control target = controls.get(controls.size() - 1 - depth);
            conditionalJump(cond, true);
            if (target.kind == Opcode.LOOP) {
                code.set(code.size() - 1, target.loopStart);
            } else {
                target.fixups.add(code.size() - 1);
            }
        }
    }

    /**
     * Legacy {@code delegate label}: closes the try; an exception its body throws is thrown again
     * as if at the block {@code label} names (outside the try), so the search goes on at the
     * handlers of the innermost try at or around that block, or in the caller.
     */
    private void delegate(int depth) {
        Control c = controls.getLast();
        if (!c.deadAtStart) {
            var h = new Handler(Handlers.DELEGATE, -1, -1);
            for (int i = controls.size() - 2 - depth; i >= 1; i--) {
                if (controls.get(i).isTry()) {
                    h.resumeAt = controls.get(i);
                    break;
                }
            }
            c.handlers.add(h);
        }
        end();
    }

    /**
     * try_table (spec 4.4.8): a block whose body is covered by one handler entry per catch clause.
     * A clause branches to its label (resolved outside the try_table) with the payload and/or
     * exnref as the branch values, which the unwinder stores straight into the target's slots.
     */
    @Override
    public void visitTryTable(BlockType type, List<Catch> catches) {
        if (dead) {
            controls.add(new Control(Opcode.TRY_TABLE, height, FuncType.of(List.of(), List.of()), -1, true));
            return;
        }
        FuncType bt = state.blockType();
        int p = bt.params().size();
        barrier();
        var c = new Control(Opcode.TRY_TABLE, height - p, bt, -1, false);
        c.tryStart = code.size();
        for (Catch k : catches) {
            Control target = controls.get(controls.size() - 1 - k.label());
            int n = k.kind().hasTag() ? payloadCount(k.tag()) : 0;
            int values = slot(target.height);
            var h = new Handler(
                    k.kind().hasTag() ? k.tag() : Handlers.ALL,
                    k.kind().hasTag() ? values : -1,
                    k.kind().pushesExnRef() ? values + n : -1);
            h.target = target;
            returnPad |= target == controls.getFirst();
            maxHeight = Math.max(maxHeight, target.height + target.branchArity());
            c.handlers.add(h);
        }
        controls.add(c);
    }

    @Override
    public void visitBrTable(int[] depths, int defaultDepth) {
        if (dead) {
            return;
        }
        height--;
        emit(Ir.BR_TABLE, slot(height), depths.length);
        int table = code.size();
        for (int i = 0; i <= depths.length; i++) {
            code.add(0);
        }
        // An entry that needs no value moves jumps straight to its target; the others get a
        // landing pad that moves the branch values and jumps (or returns), as br would.
        for (int i = 0; i <= depths.length; i++) {
            int depth = i < depths.length ? depths[i] : defaultDepth;
            Control target = controls.get(controls.size() - 1 - depth);
            if (needsMoves(depth)) {
                barrier();
                code.set(table + i, code.size());
                branch(depth);
            } else if (target.kind == Opcode.LOOP) {
                code.set(table + i, target.loopStart);
            } else {
                target.fixups.add(table + i);
            }
        }
        dead = true;
    }

    @Override
    public void visitFunction(Opcode op, int funcIndex) {
        if (dead) {
            return;
        }
        switch (op) {
            case CALL -> {
                FuncType callee = instance.functions[funcIndex].type();
                int n = callee.params().size();
                emit(Ir.CALL, funcIndex, slot(height - n));
                referenceMap(height - n, null);
                height -= n;
                push(callee.results());
            }
            case RETURN_CALL -> {
                FuncType callee = instance.functions[funcIndex].type();
                int n = callee.params().size();
                emit(Ir.RETURN_CALL, funcIndex, slot(height - n));
                emitReturn(slot(height - n), callee.results());
                dead = true;
            }
            case REF_FUNC -> {
                emit(Ir.REF_FUNC, slot(height), funcIndex);
                push(1);
            }
            default -> throw unsupported(op);
        }
    }

    @Override
    public void visitCallIndirect(Opcode op, int typeIndex, int tableIndex) {
        if (dead) {
            return;
        }
        FuncType callee = instance.types[typeIndex];
        height--;
        int indexSlot = slot(height);
        int n = callee.params().size();
        if (op == Opcode.RETURN_CALL_INDIRECT) {
            emit(Ir.RETURN_CALL_INDIRECT, typeIndex, tableIndex, slot(height - n), indexSlot);
            emitReturn(slot(height - n), callee.results());
            dead = true;
            return;
        }
        emit(Ir.CALL_INDIRECT, typeIndex, tableIndex, slot(height - n), indexSlot);
        referenceMap(height - n, null);
        height -= n;
        push(callee.results());
    }

    /**
     * {@inheritDoc}
     *
     * <p>A v128 local moves both halves with V128_COPY. It has COPY's 3-word layout, so the
     * peephole folds it into a SIMD operator's operands the same way (scalar operators never read
     * a v128, so they never fold one), and a local.set may retarget a v128 producer, since each
     * writes both halves of its destination.
     */
    @Override
    public void visitLocal(Opcode op, int localIndex) {
        if (dead) {
            return;
        }
        boolean v128 = localTypes[localIndex] == ValType.V128;
        int copy = v128 ? Ir.V128_COPY : Ir.COPY;
        switch (op) {
            case LOCAL_GET -> {
                int at = code.size();
                int dst = slot(height);
                clobber(dst);
                code.add(copy);
                code.add(dst);
                code.add(localIndex);
                remember(at, dst, localIndex, 0);
                push(1);
            }
            case LOCAL_SET -> {
                height--;
                int src = slot(height);
                if (lastDst >= 0 && code.get(lastDst) == src) {
                    // The producer writes the local directly: it reads its operands before writing.
                    retarget(localIndex);
                } else {
                    int from = operand(src);
                    emitOp(localIndex, copy, localIndex, from);
                    lastDst = -1;
                }
            }
            case LOCAL_TEE -> {
                int src = slot(height - 1);
                if (lastDst >= 0 && code.get(lastDst) == src) {
                    // The producer writes the local; the stack value becomes a foldable copy of it.
                    retarget(localIndex);
                    clobber(src);
                    int at = code.size();
                    code.add(copy);
                    code.add(src);
                    code.add(localIndex);
                    remember(at, src, localIndex, 0);
                } else {
                    emitOp(localIndex, copy, localIndex, src);
                    lastDst = -1;
                }
            }
            default -> throw unsupported(op);
        }
    }

    /** Makes the last instruction write {@code local} instead of its stack slot. */
    private void retarget(int local) {
        forgetAt(lastDst - 1);
        clobber(local);
        code.set(lastDst, local);
        lastDst = -1;
    }

    @Override
    public void visitGlobal(Opcode op, int globalIndex) {
        if (dead) {
            return;
        }
        boolean v128 = instance.globals[globalIndex].type().type() == ValType.V128;
        if (v128) {
            if (op == Opcode.GLOBAL_GET) {
                emitResult(Ir.V128_GLOBAL_GET, slot(height), globalIndex);
                push(1);
            } else {
                height--;
                emit(Ir.V128_GLOBAL_SET, globalIndex, slot(height));
            }
            return;
        }
        if (op == Opcode.GLOBAL_GET) {
            emitResult(Ir.GLOBAL_GET, slot(height), globalIndex);
            push(1);
        } else {
            height--;
            emitOp(-1, Ir.GLOBAL_SET, globalIndex, operand(slot(height)));
        }
    }

    private int memFlags(int memIndex) {
        boolean is64 = instance.memories[memIndex].type().addressType() == AddressType.I64;
        return memIndex | (is64 ? MemoryOps.MEMORY64 : 0);
    }

    @Override
    public void visitMemoryIndex(Opcode op, int memIndex) {
        if (dead) {
            return;
        }
        switch (op) {
            case MEMORY_SIZE -> {
                emit(Ir.MEMORY_SIZE, slot(height), memIndex);
                push(1);
            }
            case MEMORY_GROW -> emit(Ir.MEMORY_GROW, slot(height - 1), slot(height - 1), memIndex);
            case MEMORY_FILL -> bulk(op, memIndex, 0);
            default -> throw unsupported(op);
        }
    }

    @Override
    public void visitMemory(Opcode op, int memIndex, int alignLog2, long offset) {
        if (dead) {
            return;
        }
        if (!op.hasFixedSignature()) {
            throw unsupported(op);
        }
        if (op.prefix() == Opcode.SIMD_PREFIX) {
            simdMemory(op, memIndex, offset, 0);
            return;
        }
        int flags = memFlags(memIndex);
        int lo = (int) offset;
        int hi = (int) (offset >>> 32);
        if (AtomicOps.handles(op)) {
            // The address and the operands, in consecutive slots; the result replaces the address.
            int n = 1 + op.operands().size();
            emit(Ir.ATOMIC, op.ordinal(), slot(height - n), flags, lo, hi);
            height -= n;
            push(op.results().size());
            return;
        }
        if (op.results().isEmpty()) {
            int value = operand(slot(height - 1));
            int addr = operand(slot(height - 2));
            int hot =
                    switch (op) {
                        case I32_STORE -> Ir.I32_STORE;
                        case I64_STORE -> Ir.I64_STORE;
                        case I32_STORE8 -> Ir.I32_STORE8;
                        default -> -1;
                    };
            if (hot >= 0) {
                emitOp(-1, hot, addr, value, flags, lo, hi);
            } else {
                emitOp(-1, Ir.STORE, addr, value, flags, lo, hi, op.ordinal());
            }
            height -= 2;
        } else {
            int addr = slot(height - 1);
            int hot =
                    switch (op) {
                        case I32_LOAD -> Ir.I32_LOAD;
                        case I64_LOAD -> Ir.I64_LOAD;
                        case I32_LOAD8_U -> Ir.I32_LOAD8_U;
                        default -> -1;
                    };
            if (hot >= 0) {
                emitResult(hot, addr, operand(addr), flags, lo, hi);
            } else {
                emitResult(Ir.LOAD, addr, operand(addr), flags, lo, hi, op.ordinal());
            }
        }
    }

    /**
     * A v128 load or store: the address, then for stores and lane loads the vector operand.
     * {@code SIMD_MEM dst addr value memFlags offsetLo offsetHi opcodeOrdinal lane}.
     */
    private void simdMemory(Opcode op, int memIndex, long offset, int lane) {
        int n = op.operands().size() + 1;
        int dst = slot(height - n);
        int value = n > 1 ? operand(slot(height - n + 1)) : dst;
        int addr = operand(dst);
        int[] words = {
            Ir.SIMD_MEM, dst, addr, value, memFlags(memIndex), (int) offset, (int) (offset >>> 32), op.ordinal(), lane
        };
        if (op.results().isEmpty()) {
            emit(words);
        } else {
            emitResult(words);
        }
        height -= n;
        push(op.results());
    }

    private void constant(long value) {
        if (dead) {
            return;
        }
        int at = code.size();
        int dst = slot(height);
        clobber(dst);
        code.add(Ir.CONST);
        code.add(dst);
        code.add((int) value);
        code.add((int) (value >>> 32));
        remember(at, dst, -1, value);
        push(1);
    }

    @Override
    public void visitI32Const(int value) {
        constant(value);
    }

    @Override
    public void visitI64Const(long value) {
        constant(value);
    }

    @Override
    public void visitF32Const(int bits) {
        constant(bits);
    }

    @Override
    public void visitF64Const(long bits) {
        constant(bits);
    }

    @Override
    public void visitHeapType(Opcode op, HeapType type) {
        if (op != Opcode.REF_NULL) {
            throw unsupported(op);
        }
        constant(0);
    }

    @Override
    public void visitSelect(List<ValType> types) {
        visitSimple(Opcode.SELECT);
    }

    /** Table, bulk-memory and segment instructions: operands in consecutive slots, see BulkOps. */
    private void bulk(Opcode op, int a, int b) {
        if (dead) {
            return;
        }
        int n = BulkOps.pops(op);
        height -= n;
        emit(Ir.BULK, op.ordinal(), a, b, slot(height));
        push(BulkOps.pushes(op));
    }

    // Typed instructions: call_ref and the GC instructions whose immediate is a type index.

    @Override
    public void visitType(Opcode op, int typeIndex) {
        if (dead) {
            return;
        }
        if (op != Opcode.CALL_REF && op != Opcode.RETURN_CALL_REF) {
            gcType(op, typeIndex);
            return;
        }
        FuncType callee = instance.types[typeIndex];
        height--;
        int refSlot = slot(height);
        int n = callee.params().size();
        if (op == Opcode.RETURN_CALL_REF) {
            emit(Ir.RETURN_CALL_REF, typeIndex, 0, slot(height - n), refSlot);
            emitReturn(slot(height - n), callee.results());
            dead = true;
            return;
        }
        emit(Ir.CALL_REF, typeIndex, 0, slot(height - n), refSlot);
        referenceMap(height - n, null);
        height -= n;
        push(callee.results());
    }

    /** The GC instructions whose immediate is one type index. */
    private void gcType(Opcode op, int typeIndex) {
        var type = instance.canonicalTypes[typeIndex];
        switch (op) {
            case STRUCT_NEW, STRUCT_NEW_DESC -> {
                int n = type.fieldCount();
                boolean desc = op == Opcode.STRUCT_NEW_DESC;
                var refs = new boolean[n + (desc ? 1 : 0)];
                for (int i = 0; i < n; i++) {
                    refs[i] = type.field(i) == StorageKind.REF;
                }
                if (desc) {
                    refs[n] = true;
                }
                gc(op, refs.length, 1, typeIndex, 0, refs);
            }
            case STRUCT_NEW_DEFAULT -> gc(op, 0, 1, typeIndex, 0, new boolean[0]);
            case STRUCT_NEW_DEFAULT_DESC -> gc(op, 1, 1, typeIndex, 0, new boolean[] {true});
            case ARRAY_NEW -> gc(op, 2, 1, typeIndex, 0, new boolean[] {isRef(typeIndex, 0), false});
            case ARRAY_NEW_DEFAULT -> gc(op, 1, 1, typeIndex, 0, new boolean[1]);
            case ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U -> gc(op, 2, 1, typeIndex, 0, null);
            case ARRAY_SET -> gc(op, 3, 0, typeIndex, 0, null);
            case ARRAY_FILL -> gc(op, 4, 0, typeIndex, 0, null);
            case REF_GET_DESC -> gc(op, 1, 1, typeIndex, 0, null);
            default -> throw unsupported(op);
        }
    }

    @Override
    public void visitTag(Opcode op, int tagIndex) {
        if (op == Opcode.CATCH) {
            catchArm(tagIndex);
            return;
        }
        if (dead) {
            return;
        }
        if (op != Opcode.THROW) {
            throw unsupported(op);
        }
        int n = payloadCount(tagIndex);
        emit(Ir.THROW, tagIndex, slot(height - n));
        height -= n;
        dead = true;
    }

    @Override
    public void visitTable(Opcode op, int tableIndex) {
        bulk(op, tableIndex, 0);
    }

    @Override
    public void visitTableCopy(int dstTable, int srcTable) {
        bulk(Opcode.TABLE_COPY, dstTable, srcTable);
    }

    @Override
    public void visitTableInit(int elemIndex, int tableIndex) {
        bulk(Opcode.TABLE_INIT, elemIndex, tableIndex);
    }

    @Override
    public void visitElem(Opcode op, int elemIndex) {
        bulk(op, elemIndex, 0);
    }

    @Override
    public void visitMemoryCopy(int dstMemory, int srcMemory) {
        bulk(Opcode.MEMORY_COPY, dstMemory, srcMemory);
    }

    @Override
    public void visitMemoryInit(int dataIndex, int memIndex) {
        bulk(Opcode.MEMORY_INIT, dataIndex, memIndex);
    }

    @Override
    public void visitData(Opcode op, int dataIndex) {
        bulk(op, dataIndex, 0);
    }

    @Override
    public void visitMemoryLane(Opcode op, int memIndex, int alignLog2, long offset, int lane) {
        if (dead) {
            return;
        }
        simdMemory(op, memIndex, offset, lane);
    }

    @Override
    public void visitLane(Opcode op, int lane) {
        if (dead) {
            return;
        }
        simd(op, lane);
    }

    @Override
    public void visitShuffle(byte[] lanes) {
        if (dead) {
            return;
        }
        int[] w = new int[4];
        for (int i = 0; i < 16; i++) {
            w[i / 4] |= (lanes[i] & 0xFF) << ((i % 4) * 8);
        }
        int dst = slot(height - 2);
        int b = operand(slot(height - 1));
        int a = operand(dst);
        emitResult(Ir.SHUFFLE, dst, a, b, w[0], w[1], w[2], w[3]);
        height--;
    }

    @Override
    public void visitV128Const(long low, long high) {
        if (dead) {
            return;
        }
        emitResult(Ir.V128_CONST, slot(height), (int) low, (int) (low >>> 32), (int) high, (int) (high >>> 32));
        push(1);
    }

    @Override
    public void visitRefType(Opcode op, RefType type) {
        if (dead) {
            return;
        }
        switch (op) {
            case REF_TEST, REF_TEST_NULL, REF_CAST, REF_CAST_NULL ->
                gc(op, 1, 1, GcExec.heapCode(type.heap()), castFlags(type), null);
            // The reference and the descriptor it must have.
            case REF_CAST_DESC_EQ, REF_CAST_DESC_EQ_NULL -> gc(op, 2, 1, 0, castFlags(type), null);
            default -> throw unsupported(op);
        }
    }

    private static int castFlags(RefType type) {
        return (type.nullable() ? GcExec.NULLABLE : 0)
                | (type.heap() instanceof HeapType.Concrete c && c.exact() ? GcExec.EXACT : 0);
    }

    @Override
    public void visitField(Opcode op, int typeIndex, int fieldIndex) {
        if (dead) {
            return;
        }
        switch (op) {
            case STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U -> gc(op, 1, 1, typeIndex, fieldIndex, null);
            case STRUCT_SET -> gc(op, 2, 0, typeIndex, fieldIndex, null);
            default -> throw unsupported(op);
        }
    }

    @Override
    public void visitArrayCopy(int dstType, int srcType) {
        if (!dead) {
            gc(Opcode.ARRAY_COPY, 5, 0, dstType, srcType, null);
        }
    }

    @Override
    public void visitArrayNewFixed(int typeIndex, int length) {
        if (dead) {
            return;
        }
        var refs = new boolean[length];
        java.util.Arrays.fill(refs, isRef(typeIndex, 0));
        gc(Opcode.ARRAY_NEW_FIXED, length, 1, typeIndex, length, refs);
    }

    @Override
    public void visitArrayData(Opcode op, int typeIndex, int dataIndex) {
        if (dead) {
            return;
        }
        switch (op) {
            case ARRAY_NEW_DATA -> gc(op, 2, 1, typeIndex, dataIndex, new boolean[2]);
            case ARRAY_INIT_DATA -> gc(op, 4, 0, typeIndex, dataIndex, null);
            default -> throw unsupported(op);
        }
    }

    @Override
    public void visitArrayElem(Opcode op, int typeIndex, int elemIndex) {
        if (dead) {
            return;
        }
        switch (op) {
            case ARRAY_NEW_ELEM -> gc(op, 2, 1, typeIndex, elemIndex, new boolean[2]);
            case ARRAY_INIT_ELEM -> gc(op, 4, 0, typeIndex, elemIndex, null);
            default -> throw unsupported(op);
        }
    }

    /**
     * {@code br_on_cast} / {@code br_on_cast_fail}: a {@code ref.test} (negated for the fail form)
     * into the slot above the stack, then a {@code br_if} on it; the reference stays on the stack
     * either way, as the branch value or the fall-through value.
     */
    @Override
    public void visitBrOnCast(Opcode op, int depth, RefType from, RefType to) {
        if (dead) {
            return;
        }
        if (op == Opcode.BR_ON_CAST_DESC_EQ || op == Opcode.BR_ON_CAST_DESC_EQ_FAIL) {
            // The descriptor on top is consumed: the test's result takes its slot.
            int flags = castFlags(to) | (op == Opcode.BR_ON_CAST_DESC_EQ_FAIL ? GcExec.NEGATE : 0);
            emit(Ir.GC, Opcode.BR_ON_CAST_DESC_EQ.ordinal(), slot(height - 1), slot(height - 2), 0, flags);
            branchIf(depth);
            return;
        }
        if (op != Opcode.BR_ON_CAST && op != Opcode.BR_ON_CAST_FAIL) {
            throw unsupported(op);
        }
        int flags = castFlags(to) | (op == Opcode.BR_ON_CAST_FAIL ? GcExec.NEGATE : 0);
        emit(Ir.GC, Opcode.REF_TEST.ordinal(), slot(height), slot(height - 1), GcExec.heapCode(to.heap()), flags);
        push(1);
        branchIf(depth);
    }

    /** Whether field {@code field} of struct type {@code typeIndex} (or an array's elements) holds references. */
    private boolean isRef(int typeIndex, int field) {
        return instance.canonicalTypes[typeIndex].field(field) == StorageKind.REF;
    }

    /**
     * A GC instruction on the top {@code operands} stack values, its result (if any) replacing
     * the first. Operands are read from their stack slots, never folded from locals, so that
     * every slot a reference map names was written. {@code operandRefs} is non-null for an
     * allocating instruction: which operands are references, live while the heap may collect.
     */
    private void gc(Opcode op, int operands, int results, int immA, int immB, boolean[] operandRefs) {
        int base = slot(height - operands);
        emit(Ir.GC, op.ordinal(), base, base, immA, immB);
        if (operandRefs != null) {
            referenceMap(height - operands, operandRefs);
        }
        height -= operands;
        push(results);
    }

    /**
     * Records the reference map at the end of the instruction just emitted (a call, or an
     * allocation whose operands from stack position {@code keep} up are described by {@code
     * operandRefs}): the reference-typed locals, the reference-typed stack values below {@code
     * keep} (types from the validator's stack after the instruction, which leaves them in place)
     * and the operands that are references.
     */
    private void referenceMap(int keep, boolean[] operandRefs) {
        if (discovering) {
            return;
        }
        var refs = new IntBuffer();
        for (int i = 0; i < locals; i++) {
            if (localTypes[i] instanceof RefType) {
                refs.add(i);
            }
        }
        int after = state.stackHeight();
        // Above the validator's height the stack is polymorphic (spec 3.3.5): that code is
        // unreachable, so its map is never read, and the validator has no types to give.
        for (int p = 0; p < Math.min(keep, after); p++) {
            if (state.operandType(after - 1 - p) instanceof RefType) {
                refs.add(slot(p));
            }
        }
        if (operandRefs != null) {
            for (int i = 0; i < operandRefs.length; i++) {
                if (operandRefs[i]) {
                    refs.add(slot(keep + i));
                }
            }
        }
        gcMaps.add(code.size(), refs.toArray());
    }
}
