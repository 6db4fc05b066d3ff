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
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers one validated function body to register IR in a single pass over its instructions. Each
 * operand stack position is a frame slot (locals first), so the lowering only tracks the stack
 * height; it relies on the body having been validated.
 *
 * <p>Until the validator's typed operator stream lands, the height is derived here: from
 * {@link Opcode#operands()}/{@link Opcode#results()} for fixed-signature operators and from
 * function and block types for the rest. This class is the one place to replace then.
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
        final List<Integer> fixups = new ArrayList<>();
        int elseFixup = -1;

        Control(Opcode kind, int height, int params, int results, int loopStart, boolean deadAtStart) {
            this.kind = kind;
            this.height = height;
            this.params = params;
            this.results = results;
            this.loopStart = loopStart;
            this.deadAtStart = deadAtStart;
        }

        int branchArity() {
            return kind == Opcode.LOOP ? params : results;
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

    private Lowering(
            InstanceState instance,
            FuncType type,
            List<ValType> declaredLocals,
            Map<Long, Integer> pool,
            boolean discovering) {
        this.instance = instance;
        this.params = type.params().size();
        this.locals = params + declaredLocals.size();
        this.pool = pool;
        this.discovering = discovering;
        // While discovering, pool slots must not alias stack slots, though that code is dropped.
        this.base = locals + (discovering ? MAX_POOLED : pool.size());
        controls.add(new Control(Opcode.BLOCK, 0, 0, type.results().size(), -1, false));
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
                frameInit);
    }

    private static Lowering run(Lowering lowering, WasmFunctionInstance function) {
        function.code().instructions().accept(lowering);
        if (!lowering.finished) {
            throw new JwasmException("function body of function " + function.index() + " has no final end");
        }
        return lowering;
    }

    private int slot(int h) {
        return base + h;
    }

    private void push(int n) {
        height += n;
        maxHeight = Math.max(maxHeight, height);
    }

    /** Emits a control instruction (or one that writes several slots): a peephole barrier. */
    private void emit(int... words) {
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
                    removePending(i, 3);
                    return local;
                }
                Integer index = poolIndex(pendValue[i]);
                if (index == null) {
                    return slot;
                }
                removePending(i, 4);
                return locals + index;
            }
        }
        return slot;
    }

    private static JwasmException unsupported(Opcode op) {
        return new JwasmException("the interpreter does not support " + op.mnemonic() + " yet");
    }

    private FuncType blockType(BlockType type) {
        return switch (type) {
            case BlockType.Empty e -> FuncType.of(List.of(), List.of());
            case BlockType.Value v -> FuncType.of(List.of(), List.of(v.result()));
            case BlockType.TypeIndex t -> instance.types[t.typeIndex()];
        };
    }

    /** Moves the branch values to the target's height and jumps (or returns from the function). */
    private void branch(int depth) {
        Control target = controls.get(controls.size() - 1 - depth);
        int arity = target.branchArity();
        if (controls.size() - 1 - depth == 0) {
            emit(Ir.RETURN, slot(height - arity), arity);
            return;
        }
        if (arity > 0 && target.height != height - arity) {
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
                code.remove(at, 3);
                // i64.eqz tests all 64 bits, as the null tests do.
                int jump = op == Ir.I32_EQZ
                        ? (whenTrue ? Ir.JUMP_IF_ZERO : Ir.JUMP_IF_NONZERO)
                        : (whenTrue ? Ir.JUMP_IF_NULL : Ir.JUMP_IF_NON_NULL);
                emit(jump, a, 0);
                return;
            }
            int fused = Ir.fusedJump(op, !whenTrue);
            if (fused >= 0) {
                int a = code.get(at + 2);
                int b = code.get(at + 3);
                code.remove(at, 4);
                emit(fused, a, b, 0);
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
        if (dead) {
            return;
        }
        switch (op) {
            case NOP -> {}
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
                int cond = operand(slot(height - 1));
                int b = operand(slot(height - 2));
                int a = operand(slot(height - 3));
                emitResult(Ir.SELECT, slot(height - 3), a, b, cond);
                height -= 2;
            }
            case REF_AS_NON_NULL -> emit(Ir.UNARY, slot(height - 1), slot(height - 1), op.ordinal());
            case REF_IS_NULL -> emit(Ir.UNARY, slot(height - 1), slot(height - 1), op.ordinal());
            case REF_EQ -> {
                emit(Ir.BINARY, slot(height - 2), slot(height - 2), slot(height - 1), op.ordinal());
                height--;
            }
            default -> numeric(op);
        }
    }

    private void numeric(Opcode op) {
        if (!op.hasFixedSignature() || op.results().size() != 1) {
            throw unsupported(op);
        }
        for (ValType t : op.operands()) {
            if (t == ValType.V128) {
                throw unsupported(op);
            }
        }
        if (op.results().getFirst() == ValType.V128) {
            throw unsupported(op);
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
     * Fuses an i32.add with the i32.mul just before it when the add consumes the product (a
     * stack temporary, read by nothing else): {@code x * y + c} in one dispatch, as in linear
     * congruential generators and index arithmetic.
     */
    private boolean fuseMultiplyAdd(int dst, int srcA, int srcB) {
        int at = lastOp;
        // The multiply must be the last instruction (copies after it folded away by now).
        if (at < 0 || code.get(at) != Ir.I32_MUL || at + 4 != code.size()) {
            return false;
        }
        int product = code.get(at + 1);
        if (product < base || (srcA == product) == (srcB == product)) {
            return false;
        }
        int addend = srcA == product ? srcB : srcA;
        int x = code.get(at + 2);
        int y = code.get(at + 3);
        code.remove(at, 4);
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
        Control c = controls.removeLast();
        if (controls.isEmpty()) {
            if (!dead) {
                emit(Ir.RETURN, slot(height - c.results), c.results);
            }
            finished = true;
            return;
        }
        barrier();
        int here = code.size();
        for (int at : c.fixups) {
            code.set(at, here);
        }
        if (c.elseFixup >= 0) {
            code.set(c.elseFixup, here);
        }
        height = c.height + c.results;
        dead = c.deadAtStart;
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
        height = c.height + c.params;
        dead = c.deadAtStart;
    }

    @Override
    public void visitBlock(Opcode op, BlockType type) {
        if (dead) {
            controls.add(new Control(op, height, 0, 0, -1, true));
            return;
        }
        FuncType bt = blockType(type);
        int p = bt.params().size();
        int r = bt.results().size();
        switch (op) {
            case BLOCK -> controls.add(new Control(op, height - p, p, r, -1, false));
            case LOOP -> {
                // A label: no copy may be folded across it. Back-edges poll for interrupts.
                barrier();
                controls.add(new Control(op, height - p, p, r, code.size(), false));
            }
            case IF -> {
                // Parameters stay in their slots for whichever arm runs: only one of them does.
                height--;
                conditionalJump(slot(height), false);
                var c = new Control(op, height - p, p, r, -1, false);
                c.elseFixup = code.size() - 1;
                controls.add(c);
            }
            default -> throw unsupported(op);
        }
    }

    @Override
    public void visitLabel(Opcode op, int depth) {
        if (dead) {
            return;
        }
        switch (op) {
            case BR -> {
                branch(depth);
                dead = true;
            }
            case BR_IF -> {
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
                height -= n;
                push(callee.results().size());
            }
            case RETURN_CALL -> {
                FuncType callee = instance.functions[funcIndex].type();
                int n = callee.params().size();
                emit(Ir.RETURN_CALL, funcIndex, slot(height - n));
                emit(Ir.RETURN, slot(height - n), callee.results().size());
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
            emit(Ir.RETURN, slot(height - n), callee.results().size());
            dead = true;
            return;
        }
        emit(Ir.CALL_INDIRECT, typeIndex, tableIndex, slot(height - n), indexSlot);
        height -= n;
        push(callee.results().size());
    }

    @Override
    public void visitLocal(Opcode op, int localIndex) {
        if (dead) {
            return;
        }
        switch (op) {
            case LOCAL_GET -> {
                int at = code.size();
                int dst = slot(height);
                clobber(dst);
                code.add(Ir.COPY);
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
                    emitOp(localIndex, Ir.COPY, localIndex, from);
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
                    code.add(Ir.COPY);
                    code.add(src);
                    code.add(localIndex);
                    remember(at, src, localIndex, 0);
                } else {
                    emitOp(localIndex, Ir.COPY, localIndex, src);
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
        if (instance.globals[globalIndex].type().type() == ValType.V128) {
            throw unsupported(op);
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
        if (op.isAtomic() || !op.hasFixedSignature()) {
            throw unsupported(op);
        }
        int flags = memFlags(memIndex);
        int lo = (int) offset;
        int hi = (int) (offset >>> 32);
        if (op.results().isEmpty()) {
            if (op.operands().getFirst() == ValType.V128) {
                throw unsupported(op);
            }
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
            if (op.results().getFirst() == ValType.V128) {
                throw unsupported(op);
            }
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
        if (types.contains(ValType.V128)) {
            throw unsupported(Opcode.SELECT_TYPED);
        }
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

    // Not yet lowered: each reports a clear error naming the instruction.

    @Override
    public void visitTryTable(BlockType type, List<Catch> catches) {
        throw unsupported(Opcode.TRY_TABLE);
    }

    @Override
    public void visitType(Opcode op, int typeIndex) {
        if (op != Opcode.CALL_REF && op != Opcode.RETURN_CALL_REF) {
            throw unsupported(op);
        }
        if (dead) {
            return;
        }
        FuncType callee = instance.types[typeIndex];
        height--;
        int refSlot = slot(height);
        int n = callee.params().size();
        if (op == Opcode.RETURN_CALL_REF) {
            emit(Ir.RETURN_CALL_REF, typeIndex, 0, slot(height - n), refSlot);
            emit(Ir.RETURN, slot(height - n), callee.results().size());
            dead = true;
            return;
        }
        emit(Ir.CALL_REF, typeIndex, 0, slot(height - n), refSlot);
        height -= n;
        push(callee.results().size());
    }

    @Override
    public void visitTag(Opcode op, int tagIndex) {
        throw unsupported(op);
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
        throw unsupported(op);
    }

    @Override
    public void visitLane(Opcode op, int lane) {
        throw unsupported(op);
    }

    @Override
    public void visitShuffle(byte[] lanes) {
        throw unsupported(Opcode.I8X16_SHUFFLE);
    }

    @Override
    public void visitV128Const(long low, long high) {
        throw unsupported(Opcode.V128_CONST);
    }

    @Override
    public void visitRefType(Opcode op, RefType type) {
        throw unsupported(op);
    }

    @Override
    public void visitField(Opcode op, int typeIndex, int fieldIndex) {
        throw unsupported(op);
    }

    @Override
    public void visitArrayCopy(int dstType, int srcType) {
        throw unsupported(Opcode.ARRAY_COPY);
    }

    @Override
    public void visitArrayNewFixed(int typeIndex, int length) {
        throw unsupported(Opcode.ARRAY_NEW_FIXED);
    }

    @Override
    public void visitArrayData(Opcode op, int typeIndex, int dataIndex) {
        throw unsupported(op);
    }

    @Override
    public void visitArrayElem(Opcode op, int typeIndex, int elemIndex) {
        throw unsupported(op);
    }

    @Override
    public void visitBrOnCast(Opcode op, int depth, RefType from, RefType to) {
        throw unsupported(op);
    }
}
