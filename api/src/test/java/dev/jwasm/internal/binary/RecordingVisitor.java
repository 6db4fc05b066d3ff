package dev.jwasm.internal.binary;

import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.code.Catch;
import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helper: writes each visit as one line, "method arg arg ...", for easy assertions. */
final class RecordingVisitor implements InstructionVisitor {
    final List<String> events = new ArrayList<>();

    private void add(String method, Object... args) {
        var sb = new StringBuilder(method);
        for (Object a : args) {
            sb.append(' ')
                    .append(
                            a instanceof byte[] bytes
                                    ? Arrays.toString(bytes)
                                    : a instanceof int[] ints ? Arrays.toString(ints) : a);
        }
        events.add(sb.toString());
    }

    @Override
    public void visitSimple(Opcode op) {
        add("visitSimple", op);
    }

    @Override
    public void visitBlock(Opcode op, BlockType type) {
        add("visitBlock", op, type);
    }

    @Override
    public void visitTryTable(BlockType type, List<Catch> catches) {
        add("visitTryTable", type, catches);
    }

    @Override
    public void visitLabel(Opcode op, int depth) {
        add("visitLabel", op, depth);
    }

    @Override
    public void visitBrTable(int[] depths, int defaultDepth) {
        add("visitBrTable", depths, defaultDepth);
    }

    @Override
    public void visitFunction(Opcode op, int funcIndex) {
        add("visitFunction", op, funcIndex);
    }

    @Override
    public void visitCallIndirect(Opcode op, int typeIndex, int tableIndex) {
        add("visitCallIndirect", op, typeIndex, tableIndex);
    }

    @Override
    public void visitType(Opcode op, int typeIndex) {
        add("visitType", op, typeIndex);
    }

    @Override
    public void visitTag(Opcode op, int tagIndex) {
        add("visitTag", op, tagIndex);
    }

    @Override
    public void visitLocal(Opcode op, int localIndex) {
        add("visitLocal", op, localIndex);
    }

    @Override
    public void visitGlobal(Opcode op, int globalIndex) {
        add("visitGlobal", op, globalIndex);
    }

    @Override
    public void visitTable(Opcode op, int tableIndex) {
        add("visitTable", op, tableIndex);
    }

    @Override
    public void visitTableCopy(int dstTable, int srcTable) {
        add("visitTableCopy", dstTable, srcTable);
    }

    @Override
    public void visitTableInit(int elemIndex, int tableIndex) {
        add("visitTableInit", elemIndex, tableIndex);
    }

    @Override
    public void visitElem(Opcode op, int elemIndex) {
        add("visitElem", op, elemIndex);
    }

    @Override
    public void visitMemoryIndex(Opcode op, int memIndex) {
        add("visitMemoryIndex", op, memIndex);
    }

    @Override
    public void visitMemoryCopy(int dstMemory, int srcMemory) {
        add("visitMemoryCopy", dstMemory, srcMemory);
    }

    @Override
    public void visitMemoryInit(int dataIndex, int memIndex) {
        add("visitMemoryInit", dataIndex, memIndex);
    }

    @Override
    public void visitData(Opcode op, int dataIndex) {
        add("visitData", op, dataIndex);
    }

    @Override
    public void visitMemory(Opcode op, int memIndex, int alignLog2, long offset) {
        add("visitMemory", op, memIndex, alignLog2, offset);
    }

    @Override
    public void visitMemoryLane(Opcode op, int memIndex, int alignLog2, long offset, int lane) {
        add("visitMemoryLane", op, memIndex, alignLog2, offset, lane);
    }

    @Override
    public void visitLane(Opcode op, int lane) {
        add("visitLane", op, lane);
    }

    @Override
    public void visitShuffle(byte[] lanes) {
        add("visitShuffle", lanes);
    }

    @Override
    public void visitI32Const(int value) {
        add("visitI32Const", value);
    }

    @Override
    public void visitI64Const(long value) {
        add("visitI64Const", value);
    }

    @Override
    public void visitF32Const(int bits) {
        add("visitF32Const", bits);
    }

    @Override
    public void visitF64Const(long bits) {
        add("visitF64Const", bits);
    }

    @Override
    public void visitV128Const(long low, long high) {
        add("visitV128Const", low, high);
    }

    @Override
    public void visitHeapType(Opcode op, HeapType type) {
        add("visitHeapType", op, type);
    }

    @Override
    public void visitRefType(Opcode op, RefType type) {
        add("visitRefType", op, type);
    }

    @Override
    public void visitSelect(List<ValType> types) {
        add("visitSelect", types);
    }

    @Override
    public void visitField(Opcode op, int typeIndex, int fieldIndex) {
        add("visitField", op, typeIndex, fieldIndex);
    }

    @Override
    public void visitArrayCopy(int dstType, int srcType) {
        add("visitArrayCopy", dstType, srcType);
    }

    @Override
    public void visitArrayNewFixed(int typeIndex, int length) {
        add("visitArrayNewFixed", typeIndex, length);
    }

    @Override
    public void visitArrayData(Opcode op, int typeIndex, int dataIndex) {
        add("visitArrayData", op, typeIndex, dataIndex);
    }

    @Override
    public void visitArrayElem(Opcode op, int typeIndex, int elemIndex) {
        add("visitArrayElem", op, typeIndex, elemIndex);
    }

    @Override
    public void visitBrOnCast(Opcode op, int depth, RefType from, RefType to) {
        add("visitBrOnCast", op, depth, from, to);
    }
}
