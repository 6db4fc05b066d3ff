package dev.jwasm.internal.validate;

import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.code.Catch;
import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import java.util.List;
import java.util.Set;

/**
 * Validates a constant expression (spec 3.4.12, with the extended-constant and GC additions of
 * Wasm 3.0): only the constant instructions are allowed, {@code global.get} only of an immutable
 * global visible at that point, and the expression must produce the expected type. Typing is
 * delegated to a {@link FunctionValidator}; every {@code ref.func} seen is recorded, since such
 * references are what declare functions for use in bodies (C.refs, spec 3.5).
 */
final class ConstantExpressionValidator implements InstructionVisitor {
    private static final Set<Opcode> CONSTANT_SIMPLE = Set.of(
            Opcode.END,
            Opcode.I32_ADD,
            Opcode.I32_SUB,
            Opcode.I32_MUL,
            Opcode.I64_ADD,
            Opcode.I64_SUB,
            Opcode.I64_MUL,
            Opcode.REF_I31,
            Opcode.ANY_CONVERT_EXTERN,
            Opcode.EXTERN_CONVERT_ANY);
    private static final Set<Opcode> CONSTANT_TYPE = Set.of(
            Opcode.STRUCT_NEW,
            Opcode.STRUCT_NEW_DEFAULT,
            Opcode.STRUCT_NEW_DESC,
            Opcode.STRUCT_NEW_DEFAULT_DESC,
            Opcode.ARRAY_NEW,
            Opcode.ARRAY_NEW_DEFAULT);

    private final ModuleContext ctx;
    private final int visibleGlobals;
    private final Set<Integer> refs;
    private final FunctionValidator typing;

    /**
     * @param visibleGlobals how many globals (from index 0) the expression may read
     * @param refs receives the function index of every {@code ref.func}
     */
    ConstantExpressionValidator(ModuleContext ctx, ValType result, int visibleGlobals, Set<Integer> refs) {
        this.ctx = ctx;
        this.visibleGlobals = visibleGlobals;
        this.refs = refs;
        this.typing = FunctionValidator.forConstantExpression(ctx, result);
    }

    /** The byte offset of the instruction being checked. */
    int offset() {
        return typing.offset();
    }

    /** Whether the expression's final end was seen (and so its type checked). */
    boolean finished() {
        return typing.finished();
    }

    private static ValidationFailure notConstant() {
        return new ValidationFailure("constant expression required");
    }

    @Override
    public void visitOffset(int offset) {
        typing.visitOffset(offset);
    }

    @Override
    public void visitSimple(Opcode op) {
        if (!CONSTANT_SIMPLE.contains(op)) {
            throw notConstant();
        }
        typing.visitSimple(op);
    }

    @Override
    public void visitI32Const(int value) {
        typing.visitI32Const(value);
    }

    @Override
    public void visitI64Const(long value) {
        typing.visitI64Const(value);
    }

    @Override
    public void visitF32Const(int bits) {
        typing.visitF32Const(bits);
    }

    @Override
    public void visitF64Const(long bits) {
        typing.visitF64Const(bits);
    }

    @Override
    public void visitV128Const(long low, long high) {
        typing.visitV128Const(low, high);
    }

    @Override
    public void visitHeapType(Opcode op, HeapType type) {
        typing.visitHeapType(op, type);
    }

    @Override
    public void visitFunction(Opcode op, int funcIndex) {
        if (op != Opcode.REF_FUNC) {
            throw notConstant();
        }
        typing.visitFunction(op, funcIndex);
        refs.add(funcIndex);
    }

    @Override
    public void visitGlobal(Opcode op, int globalIndex) {
        if (op != Opcode.GLOBAL_GET) {
            throw notConstant();
        }
        if (globalIndex < 0 || globalIndex >= visibleGlobals) {
            throw new ValidationFailure("unknown global " + Integer.toUnsignedString(globalIndex));
        }
        if (ctx.global(globalIndex).mutable()) {
            throw notConstant();
        }
        typing.visitGlobal(op, globalIndex);
    }

    @Override
    public void visitType(Opcode op, int typeIndex) {
        if (!CONSTANT_TYPE.contains(op)) {
            throw notConstant();
        }
        typing.visitType(op, typeIndex);
    }

    @Override
    public void visitArrayNewFixed(int typeIndex, int length) {
        typing.visitArrayNewFixed(typeIndex, length);
    }

    // Everything else is never constant.

    @Override
    public void visitBlock(Opcode op, BlockType type) {
        throw notConstant();
    }

    @Override
    public void visitTryTable(BlockType type, List<Catch> catches) {
        throw notConstant();
    }

    @Override
    public void visitLabel(Opcode op, int depth) {
        throw notConstant();
    }

    @Override
    public void visitBrTable(int[] depths, int defaultDepth) {
        throw notConstant();
    }

    @Override
    public void visitCallIndirect(Opcode op, int typeIndex, int tableIndex) {
        throw notConstant();
    }

    @Override
    public void visitTag(Opcode op, int tagIndex) {
        throw notConstant();
    }

    @Override
    public void visitLocal(Opcode op, int localIndex) {
        throw notConstant();
    }

    @Override
    public void visitTable(Opcode op, int tableIndex) {
        throw notConstant();
    }

    @Override
    public void visitTableCopy(int dstTable, int srcTable) {
        throw notConstant();
    }

    @Override
    public void visitTableInit(int elemIndex, int tableIndex) {
        throw notConstant();
    }

    @Override
    public void visitElem(Opcode op, int elemIndex) {
        throw notConstant();
    }

    @Override
    public void visitMemoryIndex(Opcode op, int memIndex) {
        throw notConstant();
    }

    @Override
    public void visitMemoryCopy(int dstMemory, int srcMemory) {
        throw notConstant();
    }

    @Override
    public void visitMemoryInit(int dataIndex, int memIndex) {
        throw notConstant();
    }

    @Override
    public void visitData(Opcode op, int dataIndex) {
        throw notConstant();
    }

    @Override
    public void visitMemory(Opcode op, int memIndex, int alignLog2, long offset) {
        throw notConstant();
    }

    @Override
    public void visitMemoryLane(Opcode op, int memIndex, int alignLog2, long offset, int lane) {
        throw notConstant();
    }

    @Override
    public void visitLane(Opcode op, int lane) {
        throw notConstant();
    }

    @Override
    public void visitShuffle(byte[] lanes) {
        throw notConstant();
    }

    @Override
    public void visitRefType(Opcode op, RefType type) {
        throw notConstant();
    }

    @Override
    public void visitSelect(List<ValType> types) {
        throw notConstant();
    }

    @Override
    public void visitField(Opcode op, int typeIndex, int fieldIndex) {
        throw notConstant();
    }

    @Override
    public void visitArrayCopy(int dstType, int srcType) {
        throw notConstant();
    }

    @Override
    public void visitArrayData(Opcode op, int typeIndex, int dataIndex) {
        throw notConstant();
    }

    @Override
    public void visitArrayElem(Opcode op, int typeIndex, int elemIndex) {
        throw notConstant();
    }

    @Override
    public void visitBrOnCast(Opcode op, int depth, RefType from, RefType to) {
        throw notConstant();
    }
}
