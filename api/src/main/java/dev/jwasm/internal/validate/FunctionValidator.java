package dev.jwasm.internal.validate;

import dev.jwasm.api.Feature;
import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.code.Catch;
import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.ArrayType;
import dev.jwasm.api.model.FieldType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.NumType;
import dev.jwasm.api.model.PackedType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.StructType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.api.model.VecType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Type-checks one function body, instruction by instruction, as the decoder reads it (spec 3.4,
 * following the appendix "Validation Algorithm"), and forwards every instruction that passed to
 * an optional downstream visitor: the executors' lowering pass.
 *
 * <h2>Feeding a backend</h2>
 * A downstream {@link InstructionVisitor} receives exactly the calls this validator received, in
 * order, each one only after it was validated, so it never sees an ill-typed instruction. While a
 * downstream call runs, it may ask this validator (the {@link FunctionState}) for what it needs to
 * lower the instruction in one pass without re-deriving types: the operand-stack height before the
 * instruction and the types on the stack now, the resolved type of the block an instruction
 * opened or closed, and the frame a branch targets. This is the shape of ASM's
 * {@code MethodVisitor} chain with an {@code AnalyzerAdapter} in front.
 *
 * <p>Failures are thrown as {@link ValidationFailure}; {@link #offset()} then names the byte
 * offset of the offending instruction for the module-level report.
 */
public final class FunctionValidator implements InstructionVisitor, FunctionState {
    private final ModuleContext ctx;
    private final DefinedTypes types;
    private final FuncType signature;
    private final OperandChecker<ValType> checker;
    private InstructionVisitor downstream;
    private final boolean constant;
    private int offset = -1;
    private int heightBefore;
    private FuncType lastBlockType;
    private ControlFrame<ValType> lastTarget;
    private boolean finished;

    /**
     * @param typeIndex the function's type index
     * @param declaredLocals the body's local declarations, expanded (one entry per local)
     * @param downstream receives each validated instruction; may be null
     */
    public FunctionValidator(
            ModuleContext ctx, int typeIndex, List<ValType> declaredLocals, InstructionVisitor downstream) {
        this(ctx, ctx.types().funcType(typeIndex), declaredLocals, downstream, false);
    }

    /**
     * A validator whose downstream visitor is made from the validator itself, so that the
     * downstream can query the {@link FunctionState} while it receives each instruction.
     */
    public static FunctionValidator chained(
            ModuleContext ctx,
            int typeIndex,
            List<ValType> declaredLocals,
            Function<FunctionState, InstructionVisitor> downstreamFactory) {
        var validator = new FunctionValidator(ctx, typeIndex, declaredLocals, null);
        validator.downstream = downstreamFactory.apply(validator);
        return validator;
    }

    /**
     * A validator for a constant expression of type {@code result} (spec 3.4.12): an expression
     * typed like a body of type {@code [] -> [result]}. Which instructions are allowed at all is
     * the caller's to check; here {@code ref.func} may name any function, because references in
     * module-level expressions are what declares functions (C.refs, spec 3.5).
     */
    static FunctionValidator forConstantExpression(ModuleContext ctx, ValType result) {
        return new FunctionValidator(ctx, FuncType.of(List.of(), List.of(result)), List.of(), null, true);
    }

    private FunctionValidator(
            ModuleContext ctx,
            FuncType signature,
            List<ValType> declaredLocals,
            InstructionVisitor downstream,
            boolean constant) {
        this.ctx = ctx;
        this.types = ctx.types();
        this.signature = signature;
        this.constant = constant;
        this.downstream = downstream;
        var locals = new ArrayList<ValType>(signature.params());
        for (var local : declaredLocals) {
            locals.add(types.checkDefined(local));
        }
        this.checker = new OperandChecker<>(
                new ModelTypeOps(types), locals, signature.params().size());
        checker.pushCtrl(FrameKind.FUNCTION, List.of(), signature.results());
    }

    /** The byte offset of the instruction being (or last) validated, -1 before the first. */
    public int offset() {
        return offset;
    }

    /** Whether the body's final {@code end} has been seen; the function is valid only then. */
    public boolean finished() {
        return finished;
    }

    // ---- FunctionState: what a downstream visitor may ask ----

    @Override
    public int stackHeightBefore() {
        return heightBefore;
    }

    @Override
    public int stackHeight() {
        return checker.stackHeight();
    }

    @Override
    public ValType operandType(int fromTop) {
        return checker.peek(fromTop);
    }

    @Override
    public FuncType blockType() {
        return lastBlockType;
    }

    @Override
    public ControlFrame<ValType> branchTarget() {
        return lastTarget;
    }

    @Override
    public int controlDepth() {
        return checker.depth();
    }

    @Override
    public int localCount() {
        return checker.localCount();
    }

    @Override
    public ControlFrame<ValType> frame(int depth) {
        return checker.frame(depth);
    }

    @Override
    public ValType localType(int index) {
        return checker.localType(index);
    }

    // ---- instructions ----

    @Override
    public void visitOffset(int offset) {
        this.offset = offset;
        if (downstream != null) {
            downstream.visitOffset(offset);
        }
    }

    private void begin() {
        if (finished) {
            throw new ValidationFailure("operators remaining after end of function");
        }
        heightBefore = checker.stackHeight();
        lastBlockType = null;
        lastTarget = null;
    }

    @Override
    public void visitSimple(Opcode op) {
        begin();
        switch (op) {
            case UNREACHABLE -> checker.unreachable();
            case NOP, ATOMIC_FENCE -> {}
            case ELSE -> {
                var frame = checker.popCtrl();
                if (frame.kind() != FrameKind.IF) {
                    throw new ValidationFailure("else without matching if");
                }
                lastBlockType = FuncType.of(frame.startTypes(), frame.endTypes());
                checker.pushCtrl(FrameKind.ELSE, frame.startTypes(), frame.endTypes());
            }
            case END -> end();
            case CATCH_ALL -> {
                var frame = checker.popCtrl();
                if (frame.kind() != FrameKind.TRY && frame.kind() != FrameKind.CATCH) {
                    throw new ValidationFailure("catch_all without matching try");
                }
                checker.pushCtrl(FrameKind.CATCH_ALL, List.of(), frame.endTypes());
            }
            case RETURN -> {
                checker.popVals(signature.results());
                checker.unreachable();
            }
            case DROP -> checker.popVal();
            case SELECT -> checker.selectUntyped();
            case THROW_REF -> {
                checker.popVal(RefType.EXNREF);
                checker.unreachable();
            }
            case REF_IS_NULL -> {
                checker.popRef();
                checker.pushVal(ValType.I32);
            }
            case REF_AS_NON_NULL -> checker.pushVal(checker.ops().asNonNullable(checker.popRef()));
            case ANY_CONVERT_EXTERN -> convert(RefType.EXTERNREF, HeapType.Abstract.ANY);
            case EXTERN_CONVERT_ANY -> convert(RefType.ANYREF, HeapType.Abstract.EXTERN);
            default -> {
                if (!op.hasFixedSignature() || op.accessBytes() != 0) {
                    throw new ValidationFailure("unexpected operator " + op + " without immediates");
                }
                fixed(op);
            }
        }
        if (downstream != null) {
            downstream.visitSimple(op);
        }
    }

    private void end() {
        var frame = checker.popCtrl();
        // An if without else passes its parameters through the missing arm (spec 3.4.8, if).
        if (frame.kind() == FrameKind.IF && !typesMatch(frame.startTypes(), frame.endTypes())) {
            throw new ValidationFailure("type mismatch: if without else must have matching parameters and results");
        }
        lastBlockType = FuncType.of(frame.startTypes(), frame.endTypes());
        if (frame.kind() == FrameKind.FUNCTION) {
            finished = true;
        } else {
            checker.pushVals(frame.endTypes());
        }
    }

    private void convert(RefType operand, HeapType.Abstract to) {
        ValType actual = checker.popVal(operand);
        boolean nullable = actual instanceof RefType r && actual != ModelTypeOps.BOTTOM && r.nullable();
        checker.pushVal(new RefType(nullable, to));
    }

    private void fixed(Opcode op) {
        checker.popVals(op.operands());
        checker.pushVals(op.results());
    }

    @Override
    public void visitBlock(Opcode op, BlockType type) {
        begin();
        var bt = resolve(type);
        lastBlockType = bt;
        var kind =
                switch (op) {
                    case BLOCK -> FrameKind.BLOCK;
                    case LOOP -> FrameKind.LOOP;
                    case IF -> FrameKind.IF;
                    case TRY -> FrameKind.TRY;
                    default -> throw new ValidationFailure("unexpected block operator " + op);
                };
        if (kind == FrameKind.IF) {
            checker.popVal(ValType.I32);
        }
        checker.popVals(bt.params());
        checker.pushCtrl(kind, bt.params(), bt.results());
        if (downstream != null) {
            downstream.visitBlock(op, type);
        }
    }

    private FuncType resolve(BlockType type) {
        return switch (type) {
            case BlockType.Empty e -> FuncType.of(List.of(), List.of());
            case BlockType.Value v -> FuncType.of(List.of(), List.of(types.checkDefined(v.result())));
            case BlockType.TypeIndex t -> types.funcType(t.typeIndex());
        };
    }

    @Override
    public void visitTryTable(BlockType type, List<Catch> catches) {
        begin();
        var bt = resolve(type);
        lastBlockType = bt;
        checker.popVals(bt.params());
        for (var c : catches) {
            // Labels are relative to the frame enclosing try_table, which is not yet pushed.
            var label = checker.frame(c.label()).labelTypes();
            var sent = new ArrayList<ValType>();
            if (c.kind().hasTag()) {
                sent.addAll(ctx.tag(c.tag()).params());
            }
            if (c.kind().pushesExnRef()) {
                sent.add(RefType.of(HeapType.Abstract.EXN));
            }
            if (!typesMatch(sent, label)) {
                throw new ValidationFailure(
                        "type mismatch: " + c.kind() + " sends " + sent + " to a label of " + label);
            }
        }
        checker.pushCtrl(FrameKind.TRY_TABLE, bt.params(), bt.results());
        if (downstream != null) {
            downstream.visitTryTable(type, catches);
        }
    }

    @Override
    public void visitLabel(Opcode op, int depth) {
        begin();
        switch (op) {
            case BR -> lastTarget = checker.br(depth);
            case BR_IF -> lastTarget = checker.brIf(depth);
            case BR_ON_NULL -> {
                var ref = checker.popRef();
                lastTarget = checker.frame(depth);
                // The label's types stay, not the actual ones (spec appendix, WebAssembly/gc#516).
                checker.popVals(lastTarget.labelTypes());
                checker.pushVals(lastTarget.labelTypes());
                checker.pushVal(checker.ops().asNonNullable(ref));
            }
            case BR_ON_NON_NULL -> {
                lastTarget = checker.frame(depth);
                var label = lastTarget.labelTypes();
                if (label.isEmpty() || !(label.getLast() instanceof RefType)) {
                    throw new ValidationFailure("type mismatch: br_on_non_null needs a label ending in a reference");
                }
                var ref = checker.popRef();
                var nonNull = checker.ops().asNonNullable(ref);
                if (!checker.ops().matches(nonNull, label.getLast())) {
                    throw new ValidationFailure("type mismatch: instruction requires [" + label.getLast()
                            + "] but stack has [" + checker.ops().name(nonNull) + "]");
                }
                var rest = label.subList(0, label.size() - 1);
                checker.popVals(rest);
                checker.pushVals(rest);
            }
            case RETHROW -> {
                lastTarget = checker.frame(depth);
                if (lastTarget.kind() != FrameKind.CATCH && lastTarget.kind() != FrameKind.CATCH_ALL) {
                    throw new ValidationFailure("invalid rethrow label");
                }
                checker.unreachable();
            }
            case DELEGATE -> {
                var frame = checker.popCtrl();
                if (frame.kind() != FrameKind.TRY) {
                    throw new ValidationFailure("delegate without matching try");
                }
                lastBlockType = FuncType.of(frame.startTypes(), frame.endTypes());
                lastTarget = checker.frame(depth);
                checker.pushVals(frame.endTypes());
            }
            default -> throw new ValidationFailure("unexpected label operator " + op);
        }
        if (downstream != null) {
            downstream.visitLabel(op, depth);
        }
    }

    @Override
    public void visitBrTable(int[] depths, int defaultDepth) {
        begin();
        checker.brTable(depths, defaultDepth);
        if (downstream != null) {
            downstream.visitBrTable(depths, defaultDepth);
        }
    }

    @Override
    public void visitFunction(Opcode op, int funcIndex) {
        begin();
        var callee = ctx.function(funcIndex);
        switch (op) {
            case CALL -> call(callee);
            case RETURN_CALL -> returnCall(callee);
            case REF_FUNC -> {
                if (!constant && !ctx.declaredFuncRefs().contains(funcIndex)) {
                    throw new ValidationFailure("undeclared function reference");
                }
                checker.pushVal(ctx.functionReference(funcIndex));
            }
            default -> throw new ValidationFailure("unexpected function operator " + op);
        }
        if (downstream != null) {
            downstream.visitFunction(op, funcIndex);
        }
    }

    private void call(FuncType callee) {
        checker.popVals(callee.params());
        checker.pushVals(callee.results());
    }

    /** Tail calls: the callee's results must be the caller's (spec 3.4.8, return_call). */
    private void returnCall(FuncType callee) {
        checker.popVals(callee.params());
        if (!typesMatch(callee.results(), signature.results())) {
            throw new ValidationFailure("type mismatch: tail call results " + callee.results()
                    + " do not match the function's " + signature.results());
        }
        checker.unreachable();
    }

    @Override
    public void visitCallIndirect(Opcode op, int typeIndex, int tableIndex) {
        begin();
        var table = ctx.table(tableIndex);
        if (!types.matches(table.elementType(), RefType.FUNCREF)) {
            throw new ValidationFailure("type mismatch: call_indirect needs a table of function references");
        }
        var callee = types.funcType(typeIndex);
        checker.popVal(address(table.addressType()));
        if (op == Opcode.RETURN_CALL_INDIRECT) {
            returnCall(callee);
        } else {
            call(callee);
        }
        if (downstream != null) {
            downstream.visitCallIndirect(op, typeIndex, tableIndex);
        }
    }

    @Override
    public void visitType(Opcode op, int typeIndex) {
        begin();
        types.get(typeIndex); // "unknown type" before an index is used to build a reference type
        var self = RefType.of(new HeapType.Concrete(typeIndex));
        var selfNull = RefType.nullable(new HeapType.Concrete(typeIndex));
        // Allocations produce exact references (custom descriptors proposal).
        var allocated = RefType.of(new HeapType.Concrete(typeIndex, true));
        switch (op) {
            case CALL_REF, RETURN_CALL_REF -> {
                var callee = types.funcType(typeIndex);
                checker.popVal(selfNull);
                if (op == Opcode.CALL_REF) {
                    call(callee);
                } else {
                    returnCall(callee);
                }
            }
            case STRUCT_NEW, STRUCT_NEW_DESC -> {
                var fields = struct(typeIndex).fields();
                popDescriptor(op == Opcode.STRUCT_NEW_DESC, typeIndex);
                checker.popVals(fields.stream().map(FieldType::unpacked).toList());
                checker.pushVal(allocated);
            }
            case STRUCT_NEW_DEFAULT, STRUCT_NEW_DEFAULT_DESC -> {
                var fields = struct(typeIndex).fields();
                for (var field : fields) {
                    requireDefaultable(field);
                }
                popDescriptor(op == Opcode.STRUCT_NEW_DEFAULT_DESC, typeIndex);
                checker.pushVal(allocated);
            }
            case REF_GET_DESC -> {
                var sub = types.get(typeIndex);
                if (!sub.hasDescriptor()) {
                    throw new ValidationFailure("type without descriptor " + typeIndex);
                }
                // Only an exact operand (or a bottom one) tells the descriptor's exact type.
                var exactSelf = RefType.nullable(new HeapType.Concrete(typeIndex, true));
                var actual = checker.popVal(selfNull);
                boolean exact = actual == null || types.matches(actual, exactSelf);
                checker.pushVal(RefType.of(new HeapType.Concrete(sub.descriptor(), exact)));
            }
            case ARRAY_NEW -> {
                var elem = array(typeIndex).field();
                checker.popVal(ValType.I32);
                checker.popVal(elem.unpacked());
                checker.pushVal(allocated);
            }
            case ARRAY_NEW_DEFAULT -> {
                requireDefaultable(array(typeIndex).field());
                checker.popVal(ValType.I32);
                checker.pushVal(allocated);
            }
            case ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U -> {
                var elem = array(typeIndex).field();
                checkPacking(op == Opcode.ARRAY_GET, elem);
                checker.popVal(ValType.I32);
                checker.popVal(selfNull);
                checker.pushVal(elem.unpacked());
            }
            case ARRAY_SET -> {
                var elem = mutableArray(typeIndex);
                checker.popVal(elem.unpacked());
                checker.popVal(ValType.I32);
                checker.popVal(selfNull);
            }
            case ARRAY_FILL -> {
                var elem = mutableArray(typeIndex);
                checker.popVal(ValType.I32);
                checker.popVal(elem.unpacked());
                checker.popVal(ValType.I32);
                checker.popVal(selfNull);
            }
            default -> throw new ValidationFailure("unexpected type operator " + op);
        }
        if (downstream != null) {
            downstream.visitType(op, typeIndex);
        }
    }

    /**
     * Custom descriptors: a type with a descriptor is allocated only by the {@code _desc}
     * variants, which take an exact (possibly null) reference to the descriptor last; a type
     * without one only by the plain variants.
     */
    private void popDescriptor(boolean withDescriptor, int typeIndex) {
        var sub = types.get(typeIndex);
        if (sub.hasDescriptor() && !withDescriptor) {
            throw new ValidationFailure("type with descriptor requires descriptor allocation");
        }
        if (!sub.hasDescriptor() && withDescriptor) {
            throw new ValidationFailure("type without descriptor requires non-descriptor allocation");
        }
        if (withDescriptor) {
            checker.popVal(RefType.nullable(new HeapType.Concrete(sub.descriptor(), true)));
        }
    }

    /**
     * The descriptor operand of a descriptor cast to {@code target} (custom descriptors): a
     * nullable reference to the target type's descriptor, exact when the target is exact.
     */
    private RefType descriptorOperand(RefType target) {
        if (target.heap() instanceof HeapType.Concrete c
                && types.get(c.typeIndex()).hasDescriptor()) {
            return RefType.nullable(
                    new HeapType.Concrete(types.get(c.typeIndex()).descriptor(), c.exact()));
        }
        throw new ValidationFailure("type " + name(target.heap()) + " does not have a descriptor");
    }

    private static String name(HeapType heap) {
        return heap instanceof HeapType.Concrete c ? Integer.toString(c.typeIndex()) : heap.toString();
    }

    private StructType struct(int typeIndex) {
        if (types.get(typeIndex).composite() instanceof StructType s) {
            return s;
        }
        throw new ValidationFailure("type mismatch: type " + typeIndex + " is not a struct type");
    }

    private ArrayType array(int typeIndex) {
        if (types.get(typeIndex).composite() instanceof ArrayType a) {
            return a;
        }
        throw new ValidationFailure("type mismatch: type " + typeIndex + " is not an array type");
    }

    private FieldType mutableArray(int typeIndex) {
        var elem = array(typeIndex).field();
        if (!elem.mutable()) {
            throw new ValidationFailure("immutable array");
        }
        return elem;
    }

    private static void requireDefaultable(FieldType field) {
        if (field.storage() instanceof ValType v && !v.isDefaultable()) {
            throw new ValidationFailure("type mismatch: field type " + v + " is not defaultable");
        }
    }

    /** Plain get is for unpacked storage, get_s / get_u only for packed (spec 3.4.6). */
    private static void checkPacking(boolean plainGet, FieldType field) {
        boolean packed = field.storage() instanceof PackedType;
        if (plainGet == packed) {
            throw new ValidationFailure(
                    packed
                            ? "type mismatch: packed storage needs get_s or get_u"
                            : "type mismatch: get_s and get_u need packed storage");
        }
    }

    @Override
    public void visitTag(Opcode op, int tagIndex) {
        begin();
        var payload = ctx.tag(tagIndex).params();
        switch (op) {
            case THROW -> {
                checker.popVals(payload);
                checker.unreachable();
            }
            case CATCH -> {
                var frame = checker.popCtrl();
                if (frame.kind() != FrameKind.TRY && frame.kind() != FrameKind.CATCH) {
                    throw new ValidationFailure("catch without matching try");
                }
                checker.pushCtrl(FrameKind.CATCH, payload, frame.endTypes());
            }
            default -> throw new ValidationFailure("unexpected tag operator " + op);
        }
        if (downstream != null) {
            downstream.visitTag(op, tagIndex);
        }
    }

    @Override
    public void visitLocal(Opcode op, int localIndex) {
        begin();
        switch (op) {
            case LOCAL_GET -> checker.pushVal(checker.getLocal(localIndex));
            case LOCAL_SET -> checker.popVal(checker.setLocal(localIndex));
            case LOCAL_TEE -> {
                var type = checker.setLocal(localIndex);
                checker.popVal(type);
                checker.pushVal(type);
            }
            default -> throw new ValidationFailure("unexpected local operator " + op);
        }
        if (downstream != null) {
            downstream.visitLocal(op, localIndex);
        }
    }

    @Override
    public void visitGlobal(Opcode op, int globalIndex) {
        begin();
        var global = ctx.global(globalIndex);
        switch (op) {
            case GLOBAL_GET -> checker.pushVal(global.type());
            case GLOBAL_SET -> {
                if (!global.mutable()) {
                    throw new ValidationFailure("immutable global");
                }
                checker.popVal(global.type());
            }
            default -> throw new ValidationFailure("unexpected global operator " + op);
        }
        if (downstream != null) {
            downstream.visitGlobal(op, globalIndex);
        }
    }

    @Override
    public void visitTable(Opcode op, int tableIndex) {
        begin();
        var table = ctx.table(tableIndex);
        var at = address(table.addressType());
        var elem = table.elementType();
        switch (op) {
            case TABLE_GET -> {
                checker.popVal(at);
                checker.pushVal(elem);
            }
            case TABLE_SET -> {
                checker.popVal(elem);
                checker.popVal(at);
            }
            case TABLE_SIZE -> checker.pushVal(at);
            case TABLE_GROW -> {
                checker.popVal(at);
                checker.popVal(elem);
                checker.pushVal(at);
            }
            case TABLE_FILL -> {
                checker.popVal(at);
                checker.popVal(elem);
                checker.popVal(at);
            }
            default -> throw new ValidationFailure("unexpected table operator " + op);
        }
        if (downstream != null) {
            downstream.visitTable(op, tableIndex);
        }
    }

    @Override
    public void visitTableCopy(int dstTable, int srcTable) {
        begin();
        var dst = ctx.table(dstTable);
        var src = ctx.table(srcTable);
        if (!types.matches(src.elementType(), dst.elementType())) {
            throw new ValidationFailure(
                    "type mismatch: table.copy from " + src.elementType() + " to " + dst.elementType());
        }
        checker.popVal(smaller(dst.addressType(), src.addressType()));
        checker.popVal(address(src.addressType()));
        checker.popVal(address(dst.addressType()));
        if (downstream != null) {
            downstream.visitTableCopy(dstTable, srcTable);
        }
    }

    @Override
    public void visitTableInit(int elemIndex, int tableIndex) {
        begin();
        var table = ctx.table(tableIndex);
        var elem = ctx.elem(elemIndex);
        if (!types.matches(elem, table.elementType())) {
            throw new ValidationFailure("type mismatch: table.init of " + elem + " into " + table.elementType());
        }
        checker.popVal(ValType.I32);
        checker.popVal(ValType.I32);
        checker.popVal(address(table.addressType()));
        if (downstream != null) {
            downstream.visitTableInit(elemIndex, tableIndex);
        }
    }

    @Override
    public void visitElem(Opcode op, int elemIndex) {
        begin();
        ctx.elem(elemIndex);
        if (downstream != null) {
            downstream.visitElem(op, elemIndex);
        }
    }

    @Override
    public void visitMemoryIndex(Opcode op, int memIndex) {
        begin();
        var at = address(ctx.memory(memIndex).addressType());
        switch (op) {
            case MEMORY_SIZE -> checker.pushVal(at);
            case MEMORY_GROW -> {
                checker.popVal(at);
                checker.pushVal(at);
            }
            case MEMORY_FILL -> {
                checker.popVal(at);
                checker.popVal(ValType.I32);
                checker.popVal(at);
            }
            default -> throw new ValidationFailure("unexpected memory operator " + op);
        }
        if (downstream != null) {
            downstream.visitMemoryIndex(op, memIndex);
        }
    }

    @Override
    public void visitMemoryCopy(int dstMemory, int srcMemory) {
        begin();
        var dst = ctx.memory(dstMemory).addressType();
        var src = ctx.memory(srcMemory).addressType();
        checker.popVal(smaller(dst, src));
        checker.popVal(address(src));
        checker.popVal(address(dst));
        if (downstream != null) {
            downstream.visitMemoryCopy(dstMemory, srcMemory);
        }
    }

    @Override
    public void visitMemoryInit(int dataIndex, int memIndex) {
        begin();
        var at = address(ctx.memory(memIndex).addressType());
        ctx.checkData(dataIndex);
        checker.popVal(ValType.I32);
        checker.popVal(ValType.I32);
        checker.popVal(at);
        if (downstream != null) {
            downstream.visitMemoryInit(dataIndex, memIndex);
        }
    }

    @Override
    public void visitData(Opcode op, int dataIndex) {
        begin();
        ctx.checkData(dataIndex);
        if (downstream != null) {
            downstream.visitData(op, dataIndex);
        }
    }

    @Override
    public void visitMemory(Opcode op, int memIndex, int alignLog2, long offset) {
        begin();
        memoryAccess(op, memIndex, alignLog2, offset);
        if (downstream != null) {
            downstream.visitMemory(op, memIndex, alignLog2, offset);
        }
    }

    @Override
    public void visitMemoryLane(Opcode op, int memIndex, int alignLog2, long offset, int lane) {
        begin();
        checkLane(lane, 16 / op.accessBytes());
        memoryAccess(op, memIndex, alignLog2, offset);
        if (downstream != null) {
            downstream.visitMemoryLane(op, memIndex, alignLog2, offset, lane);
        }
    }

    /** Spec 3.4.7: alignment at most natural (exactly natural for atomics), offset within the address type. */
    private void memoryAccess(Opcode op, int memIndex, int alignLog2, long offset) {
        var memory = ctx.memory(memIndex);
        int natural = Integer.numberOfTrailingZeros(op.accessBytes());
        if (alignLog2 < 0 || alignLog2 > natural) {
            throw new ValidationFailure("alignment must not be larger than natural");
        }
        if (op.isAtomic() && alignLog2 != natural) {
            throw new ValidationFailure("alignment must be exactly natural for atomic access");
        }
        if (memory.addressType() == AddressType.I32 && (offset >>> 32) != 0) {
            throw new ValidationFailure("offset out of range");
        }
        checker.popVals(op.operands());
        checker.popVal(address(memory.addressType()));
        checker.pushVals(op.results());
    }

    @Override
    public void visitLane(Opcode op, int lane) {
        begin();
        checkLane(lane, laneCount(op));
        fixed(op);
        if (downstream != null) {
            downstream.visitLane(op, lane);
        }
    }

    /** The lane count from the instruction's shape, the prefix of its mnemonic (spec 3.4.4). */
    private static int laneCount(Opcode op) {
        String shape = op.mnemonic().substring(0, op.mnemonic().indexOf('.'));
        return Integer.parseInt(shape.substring(shape.indexOf('x') + 1));
    }

    private static void checkLane(int lane, int lanes) {
        if (lane < 0 || lane >= lanes) {
            throw new ValidationFailure("invalid lane index");
        }
    }

    @Override
    public void visitShuffle(byte[] lanes) {
        begin();
        for (byte lane : lanes) {
            checkLane(Byte.toUnsignedInt(lane), 32);
        }
        fixed(Opcode.I8X16_SHUFFLE);
        if (downstream != null) {
            downstream.visitShuffle(lanes);
        }
    }

    @Override
    public void visitI32Const(int value) {
        begin();
        checker.pushVal(ValType.I32);
        if (downstream != null) {
            downstream.visitI32Const(value);
        }
    }

    @Override
    public void visitI64Const(long value) {
        begin();
        checker.pushVal(ValType.I64);
        if (downstream != null) {
            downstream.visitI64Const(value);
        }
    }

    @Override
    public void visitF32Const(int bits) {
        begin();
        checker.pushVal(ValType.F32);
        if (downstream != null) {
            downstream.visitF32Const(bits);
        }
    }

    @Override
    public void visitF64Const(long bits) {
        begin();
        checker.pushVal(ValType.F64);
        if (downstream != null) {
            downstream.visitF64Const(bits);
        }
    }

    @Override
    public void visitV128Const(long low, long high) {
        begin();
        checker.pushVal(ValType.V128);
        if (downstream != null) {
            downstream.visitV128Const(low, high);
        }
    }

    @Override
    public void visitHeapType(Opcode op, HeapType type) {
        begin();
        var ref = RefType.nullable(type);
        types.checkDefined(ref);
        checker.pushVal(ref);
        if (downstream != null) {
            downstream.visitHeapType(op, type);
        }
    }

    @Override
    public void visitRefType(Opcode op, RefType type) {
        begin();
        types.checkDefined(type);
        if (op == Opcode.REF_CAST_DESC_EQ || op == Opcode.REF_CAST_DESC_EQ_NULL) {
            checker.popVal(descriptorOperand(type));
        }
        // The operand may be any reference of the same hierarchy (spec 3.4.6, ref.test / ref.cast).
        checker.popVal(RefType.nullable(top(type.heap())));
        switch (op) {
            case REF_TEST, REF_TEST_NULL -> checker.pushVal(ValType.I32);
            case REF_CAST, REF_CAST_NULL, REF_CAST_DESC_EQ, REF_CAST_DESC_EQ_NULL -> checker.pushVal(type);
            default -> throw new ValidationFailure("unexpected reference operator " + op);
        }
        if (downstream != null) {
            downstream.visitRefType(op, type);
        }
    }

    private HeapType.Abstract top(HeapType heap) {
        return switch (types.bottomOf(heap)) {
            case NOFUNC -> HeapType.Abstract.FUNC;
            case NOEXTERN -> HeapType.Abstract.EXTERN;
            case NOEXN -> HeapType.Abstract.EXN;
            default -> HeapType.Abstract.ANY;
        };
    }

    @Override
    public void visitSelect(List<ValType> selectTypes) {
        begin();
        if (selectTypes.size() != 1) {
            throw new ValidationFailure("invalid result arity");
        }
        var type = types.checkDefined(selectTypes.getFirst());
        checker.popVal(ValType.I32);
        checker.popVal(type);
        checker.popVal(type);
        checker.pushVal(type);
        if (downstream != null) {
            downstream.visitSelect(selectTypes);
        }
    }

    @Override
    public void visitField(Opcode op, int typeIndex, int fieldIndex) {
        begin();
        var fields = struct(typeIndex).fields();
        if (fieldIndex < 0 || fieldIndex >= fields.size()) {
            throw new ValidationFailure("unknown field " + fieldIndex);
        }
        var field = fields.get(fieldIndex);
        var selfNull = RefType.nullable(new HeapType.Concrete(typeIndex));
        switch (op) {
            case STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U -> {
                checkPacking(op == Opcode.STRUCT_GET, field);
                checker.popVal(selfNull);
                checker.pushVal(field.unpacked());
            }
            case STRUCT_SET -> {
                if (!field.mutable()) {
                    throw new ValidationFailure("immutable field");
                }
                checker.popVal(field.unpacked());
                checker.popVal(selfNull);
            }
            default -> throw new ValidationFailure("unexpected field operator " + op);
        }
        if (downstream != null) {
            downstream.visitField(op, typeIndex, fieldIndex);
        }
    }

    @Override
    public void visitArrayCopy(int dstType, int srcType) {
        begin();
        var dst = mutableArray(dstType);
        var src = array(srcType).field();
        boolean compatible =
                switch (src.storage()) {
                    case PackedType p -> p == dst.storage();
                    case ValType v -> dst.storage() instanceof ValType d && types.matches(v, d);
                };
        if (!compatible) {
            throw new ValidationFailure("array types do not match");
        }
        checker.popVal(ValType.I32);
        checker.popVal(ValType.I32);
        checker.popVal(RefType.nullable(new HeapType.Concrete(srcType)));
        checker.popVal(ValType.I32);
        checker.popVal(RefType.nullable(new HeapType.Concrete(dstType)));
        if (downstream != null) {
            downstream.visitArrayCopy(dstType, srcType);
        }
    }

    @Override
    public void visitArrayNewFixed(int typeIndex, int length) {
        begin();
        var elem = array(typeIndex).field().unpacked();
        if (length < 0) {
            throw new ValidationFailure("array.new_fixed length out of range");
        }
        for (int i = 0; i < length; i++) {
            checker.popVal(elem);
        }
        checker.pushVal(RefType.of(new HeapType.Concrete(typeIndex, true)));
        if (downstream != null) {
            downstream.visitArrayNewFixed(typeIndex, length);
        }
    }

    @Override
    public void visitArrayData(Opcode op, int typeIndex, int dataIndex) {
        begin();
        var elem = op == Opcode.ARRAY_INIT_DATA
                ? mutableArray(typeIndex)
                : array(typeIndex).field();
        if (!(elem.storage() instanceof PackedType
                || elem.storage() instanceof NumType
                || elem.storage() instanceof VecType)) {
            throw new ValidationFailure("array type is not numeric or vector");
        }
        ctx.checkData(dataIndex);
        arraySegment(op == Opcode.ARRAY_INIT_DATA, typeIndex);
        if (downstream != null) {
            downstream.visitArrayData(op, typeIndex, dataIndex);
        }
    }

    @Override
    public void visitArrayElem(Opcode op, int typeIndex, int elemIndex) {
        begin();
        var elem = op == Opcode.ARRAY_INIT_ELEM
                ? mutableArray(typeIndex)
                : array(typeIndex).field();
        var segment = ctx.elem(elemIndex);
        if (!(elem.storage() instanceof ValType v) || !types.matches(segment, v)) {
            throw new ValidationFailure(
                    "type mismatch: element segment of " + segment + " for array of " + elem.storage());
        }
        arraySegment(op == Opcode.ARRAY_INIT_ELEM, typeIndex);
        if (downstream != null) {
            downstream.visitArrayElem(op, typeIndex, elemIndex);
        }
    }

    /** array.new_data/elem: [i32 i32] → [(ref t)]; array.init_data/elem: [(ref null t) i32 i32 i32] → []. */
    private void arraySegment(boolean init, int typeIndex) {
        checker.popVal(ValType.I32);
        checker.popVal(ValType.I32);
        if (init) {
            checker.popVal(ValType.I32);
            checker.popVal(RefType.nullable(new HeapType.Concrete(typeIndex)));
        } else {
            checker.pushVal(RefType.of(new HeapType.Concrete(typeIndex, true)));
        }
    }

    @Override
    public void visitBrOnCast(Opcode op, int depth, RefType from, RefType to) {
        begin();
        types.checkDefined(from);
        types.checkDefined(to);
        boolean descriptorCast = op == Opcode.BR_ON_CAST_DESC_EQ || op == Opcode.BR_ON_CAST_DESC_EQ_FAIL;
        if (descriptorCast || ctx.features().has(Feature.CUSTOM_DESCRIPTORS)) {
            // The custom descriptors proposal relaxes every br_on_cast (as its reference
            // interpreter does): one type hierarchy, not a target that is a subtype of the source.
            if (top(to.heap()) != top(from.heap())) {
                throw new ValidationFailure(
                        "type mismatch on cast: type " + to + " has a different top type than type " + from);
            }
        } else if (!types.matches(to, from)) {
            throw new ValidationFailure("type mismatch: cast target " + to + " is not a subtype of " + from);
        }
        lastTarget = checker.frame(depth);
        var label = lastTarget.labelTypes();
        if (label.isEmpty() || !(label.getLast() instanceof RefType)) {
            throw new ValidationFailure("type mismatch: " + op + " needs a label ending in a reference");
        }
        // What fails the cast: from minus to (spec 3.4.6, the "difference" of reference types).
        var diff = new RefType(from.nullable() && !to.nullable(), from.heap());
        boolean onSuccess = op == Opcode.BR_ON_CAST || op == Opcode.BR_ON_CAST_DESC_EQ;
        var taken = onSuccess ? to : diff;
        var fallthrough = onSuccess ? diff : to;
        if (!types.matches(taken, label.getLast())) {
            throw new ValidationFailure(
                    "type mismatch: instruction requires [" + label.getLast() + "] but branch sends [" + taken + "]");
        }
        if (descriptorCast) {
            checker.popVal(descriptorOperand(to));
        }
        checker.popVal(from);
        var rest = label.subList(0, label.size() - 1);
        checker.popVals(rest);
        checker.pushVals(rest);
        checker.pushVal(fallthrough);
        if (downstream != null) {
            downstream.visitBrOnCast(op, depth, from, to);
        }
    }

    // ---- helpers ----

    private static ValType address(AddressType type) {
        return type == AddressType.I64 ? ValType.I64 : ValType.I32;
    }

    /** table.copy / memory.copy between an i32 and an i64 space count in i32 (memory64 proposal). */
    private static ValType smaller(AddressType a, AddressType b) {
        return a == AddressType.I32 || b == AddressType.I32 ? ValType.I32 : ValType.I64;
    }

    private boolean typesMatch(List<ValType> actual, List<ValType> expected) {
        if (actual.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < actual.size(); i++) {
            if (!types.matches(actual.get(i), expected.get(i))) {
                return false;
            }
        }
        return true;
    }
}
