package dev.jwasm.internal.runtime;

import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.code.Catch;
import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import java.util.List;

/** A visitor that rejects every instruction; subclasses override the ones they accept. */
abstract class RejectingVisitor implements InstructionVisitor {
    /** Reports an instruction this visitor does not accept. */
    protected abstract RuntimeException reject(Opcode op);

    @Override
    public void visitSimple(Opcode op) {
        throw reject(op);
    }

    @Override
    public void visitBlock(Opcode op, BlockType type) {
        throw reject(op);
    }

    @Override
    public void visitTryTable(BlockType type, List<Catch> catches) {
        throw reject(Opcode.TRY_TABLE);
    }

    @Override
    public void visitLabel(Opcode op, int depth) {
        throw reject(op);
    }

    @Override
    public void visitBrTable(int[] depths, int defaultDepth) {
        throw reject(Opcode.BR_TABLE);
    }

    @Override
    public void visitFunction(Opcode op, int funcIndex) {
        throw reject(op);
    }

    @Override
    public void visitCallIndirect(Opcode op, int typeIndex, int tableIndex) {
        throw reject(op);
    }

    @Override
    public void visitType(Opcode op, int typeIndex) {
        throw reject(op);
    }

    @Override
    public void visitTag(Opcode op, int tagIndex) {
        throw reject(op);
    }

    @Override
    public void visitLocal(Opcode op, int localIndex) {
        throw reject(op);
    }

    @Override
    public void visitGlobal(Opcode op, int globalIndex) {
        throw reject(op);
    }

    @Override
    public void visitTable(Opcode op, int tableIndex) {
        throw reject(op);
    }

    @Override
    public void visitTableCopy(int dstTable, int srcTable) {
        throw reject(Opcode.TABLE_COPY);
    }

    @Override
    public void visitTableInit(int elemIndex, int tableIndex) {
        throw reject(Opcode.TABLE_INIT);
    }

    @Override
    public void visitElem(Opcode op, int elemIndex) {
        throw reject(op);
    }

    @Override
    public void visitMemoryIndex(Opcode op, int memIndex) {
        throw reject(op);
    }

    @Override
    public void visitMemoryCopy(int dstMemory, int srcMemory) {
        throw reject(Opcode.MEMORY_COPY);
    }

    @Override
    public void visitMemoryInit(int dataIndex, int memIndex) {
        throw reject(Opcode.MEMORY_INIT);
    }

    @Override
    public void visitData(Opcode op, int dataIndex) {
        throw reject(op);
    }

    @Override
    public void visitMemory(Opcode op, int memIndex, int alignLog2, long offset) {
        throw reject(op);
    }

    @Override
    public void visitMemoryLane(Opcode op, int memIndex, int alignLog2, long offset, int lane) {
        throw reject(op);
    }

    @Override
    public void visitLane(Opcode op, int lane) {
        throw reject(op);
    }

    @Override
    public void visitShuffle(byte[] lanes) {
        throw reject(Opcode.I8X16_SHUFFLE);
    }

    @Override
    public void visitI32Const(int value) {
        throw reject(Opcode.I32_CONST);
    }

    @Override
    public void visitI64Const(long value) {
        throw reject(Opcode.I64_CONST);
    }

    @Override
    public void visitF32Const(int bits) {
        throw reject(Opcode.F32_CONST);
    }

    @Override
    public void visitF64Const(long bits) {
        throw reject(Opcode.F64_CONST);
    }

    @Override
    public void visitV128Const(long low, long high) {
        throw reject(Opcode.V128_CONST);
    }

    @Override
    public void visitHeapType(Opcode op, HeapType type) {
        throw reject(op);
    }

    @Override
    public void visitRefType(Opcode op, RefType type) {
        throw reject(op);
    }

    @Override
    public void visitSelect(List<ValType> types) {
        throw reject(Opcode.SELECT_TYPED);
    }

    @Override
    public void visitField(Opcode op, int typeIndex, int fieldIndex) {
        throw reject(op);
    }

    @Override
    public void visitArrayCopy(int dstType, int srcType) {
        throw reject(Opcode.ARRAY_COPY);
    }

    @Override
    public void visitArrayNewFixed(int typeIndex, int length) {
        throw reject(Opcode.ARRAY_NEW_FIXED);
    }

    @Override
    public void visitArrayData(Opcode op, int typeIndex, int dataIndex) {
        throw reject(op);
    }

    @Override
    public void visitArrayElem(Opcode op, int typeIndex, int elemIndex) {
        throw reject(op);
    }

    @Override
    public void visitBrOnCast(Opcode op, int depth, RefType from, RefType to) {
        throw reject(op);
    }
}
