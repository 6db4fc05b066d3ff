package dev.jwasm.internal.binary;

import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.code.Catch;
import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import java.util.List;

/** A visitor that ignores everything; subclasses (here and in tests) override what they need. */
public class NoOpVisitor implements InstructionVisitor {
    @Override
    public void visitSimple(Opcode op) {}

    @Override
    public void visitBlock(Opcode op, BlockType type) {}

    @Override
    public void visitTryTable(BlockType type, List<Catch> catches) {}

    @Override
    public void visitLabel(Opcode op, int depth) {}

    @Override
    public void visitBrTable(int[] depths, int defaultDepth) {}

    @Override
    public void visitFunction(Opcode op, int funcIndex) {}

    @Override
    public void visitCallIndirect(Opcode op, int typeIndex, int tableIndex) {}

    @Override
    public void visitType(Opcode op, int typeIndex) {}

    @Override
    public void visitTag(Opcode op, int tagIndex) {}

    @Override
    public void visitLocal(Opcode op, int localIndex) {}

    @Override
    public void visitGlobal(Opcode op, int globalIndex) {}

    @Override
    public void visitTable(Opcode op, int tableIndex) {}

    @Override
    public void visitTableCopy(int dstTable, int srcTable) {}

    @Override
    public void visitTableInit(int elemIndex, int tableIndex) {}

    @Override
    public void visitElem(Opcode op, int elemIndex) {}

    @Override
    public void visitMemoryIndex(Opcode op, int memIndex) {}

    @Override
    public void visitMemoryCopy(int dstMemory, int srcMemory) {}

    @Override
    public void visitMemoryInit(int dataIndex, int memIndex) {}

    @Override
    public void visitData(Opcode op, int dataIndex) {}

    @Override
    public void visitMemory(Opcode op, int memIndex, int alignLog2, long offset) {}

    @Override
    public void visitMemoryLane(Opcode op, int memIndex, int alignLog2, long offset, int lane) {}

    @Override
    public void visitLane(Opcode op, int lane) {}

    @Override
    public void visitShuffle(byte[] lanes) {}

    @Override
    public void visitI32Const(int value) {}

    @Override
    public void visitI64Const(long value) {}

    @Override
    public void visitF32Const(int bits) {}

    @Override
    public void visitF64Const(long bits) {}

    @Override
    public void visitV128Const(long low, long high) {}

    @Override
    public void visitHeapType(Opcode op, HeapType type) {}

    @Override
    public void visitRefType(Opcode op, RefType type) {}

    @Override
    public void visitSelect(List<ValType> types) {}

    @Override
    public void visitField(Opcode op, int typeIndex, int fieldIndex) {}

    @Override
    public void visitArrayCopy(int dstType, int srcType) {}

    @Override
    public void visitArrayNewFixed(int typeIndex, int length) {}

    @Override
    public void visitArrayData(Opcode op, int typeIndex, int dataIndex) {}

    @Override
    public void visitArrayElem(Opcode op, int typeIndex, int elemIndex) {}

    @Override
    public void visitBrOnCast(Opcode op, int depth, RefType from, RefType to) {}
}
