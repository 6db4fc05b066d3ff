package dev.jwasm.api.code;

import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import java.util.List;

/**
 * Receives the instructions of one function body or constant expression, in order, as the
 * decoder reads them. There is one method per {@link Immediates} kind, not per opcode: the
 * {@link Opcode} argument says which instruction it is. Where a kind has a single opcode (e.g.
 * {@link Immediates#LABEL_TABLE}) the opcode is implied by the method.
 *
 * <p>Structure is flat, as in the binary format: {@code block}/{@code loop}/{@code if}/{@code try}
 * /{@code try_table} open a block, {@code else}, legacy {@code catch}/{@code catch_all} switch
 * arms, and {@code end} (a {@link #visitSimple} call) or legacy {@code delegate} closes it; the
 * final {@code end} of the body is reported too. Indexes are reported as decoded, unchecked:
 * checking them is validation. The decoder reports the byte offset of each instruction through
 * {@link #visitOffset} before the instruction itself, for error messages.
 *
 * <p>Array arguments are fresh copies the visitor may keep.
 */
public interface InstructionVisitor {
    /** The byte offset of the next instruction in the module binary. The default ignores it. */
    default void visitOffset(int offset) {}

    /** {@link Immediates#NONE} and {@link Immediates#ATOMIC_FENCE}. */
    void visitSimple(Opcode op);

    /** {@link Immediates#BLOCK_TYPE}: block, loop, if, try. */
    void visitBlock(Opcode op, BlockType type);

    /** {@link Immediates#TRY_TABLE}. */
    void visitTryTable(BlockType type, List<Catch> catches);

    /** {@link Immediates#LABEL}: br, br_if, br_on_null, br_on_non_null, rethrow, delegate. */
    void visitLabel(Opcode op, int depth);

    /** {@link Immediates#LABEL_TABLE}: br_table. */
    void visitBrTable(int[] depths, int defaultDepth);

    /** {@link Immediates#FUNC}: call, return_call, ref.func. */
    void visitFunction(Opcode op, int funcIndex);

    /** {@link Immediates#CALL_INDIRECT}: call_indirect, return_call_indirect. */
    void visitCallIndirect(Opcode op, int typeIndex, int tableIndex);

    /** {@link Immediates#TYPE}: call_ref, struct.new, array.get, … */
    void visitType(Opcode op, int typeIndex);

    /** {@link Immediates#TAG}: throw, legacy catch. */
    void visitTag(Opcode op, int tagIndex);

    /** {@link Immediates#LOCAL}. */
    void visitLocal(Opcode op, int localIndex);

    /** {@link Immediates#GLOBAL}. */
    void visitGlobal(Opcode op, int globalIndex);

    /** {@link Immediates#TABLE}: table.get/set/size/grow/fill. */
    void visitTable(Opcode op, int tableIndex);

    /** {@link Immediates#TABLE_TABLE}: table.copy. */
    void visitTableCopy(int dstTable, int srcTable);

    /** {@link Immediates#TABLE_INIT}: table.init. */
    void visitTableInit(int elemIndex, int tableIndex);

    /** {@link Immediates#ELEM}: elem.drop. */
    void visitElem(Opcode op, int elemIndex);

    /** {@link Immediates#MEMORY}: memory.size, memory.grow, memory.fill. */
    void visitMemoryIndex(Opcode op, int memIndex);

    /** {@link Immediates#MEMORY_MEMORY}: memory.copy. */
    void visitMemoryCopy(int dstMemory, int srcMemory);

    /** {@link Immediates#MEMORY_INIT}: memory.init. */
    void visitMemoryInit(int dataIndex, int memIndex);

    /** {@link Immediates#DATA}: data.drop. */
    void visitData(Opcode op, int dataIndex);

    /**
     * {@link Immediates#MEMARG}: loads, stores, atomics. {@code offset} is unsigned (u64 for
     * memory64; the validator checks it fits a 32-bit memory).
     */
    void visitMemory(Opcode op, int memIndex, int alignLog2, long offset);

    /** {@link Immediates#MEMARG_LANE}: v128.loadN_lane / storeN_lane. */
    void visitMemoryLane(Opcode op, int memIndex, int alignLog2, long offset, int lane);

    /** {@link Immediates#LANE}: extract_lane / replace_lane. {@code lane} is the raw byte. */
    void visitLane(Opcode op, int lane);

    /** {@link Immediates#SHUFFLE}: i8x16.shuffle, sixteen raw lane bytes. */
    void visitShuffle(byte[] lanes);

    /** {@link Immediates#I32}: i32.const. */
    void visitI32Const(int value);

    /** {@link Immediates#I64}: i64.const. */
    void visitI64Const(long value);

    /** {@link Immediates#F32}: f32.const, as raw bits (NaN payloads preserved). */
    void visitF32Const(int bits);

    /** {@link Immediates#F64}: f64.const, as raw bits. */
    void visitF64Const(long bits);

    /** {@link Immediates#V128}: v128.const, low and high 64 bits (little-endian lanes). */
    void visitV128Const(long low, long high);

    /** {@link Immediates#HEAP_TYPE}: ref.null. */
    void visitHeapType(Opcode op, HeapType type);

    /** {@link Immediates#REF_TYPE}: ref.test, ref.cast (nullability from the opcode). */
    void visitRefType(Opcode op, RefType type);

    /** {@link Immediates#SELECT_TYPES}: typed select. */
    void visitSelect(List<ValType> types);

    /** {@link Immediates#TYPE_FIELD}: struct.get(_s/_u), struct.set. */
    void visitField(Opcode op, int typeIndex, int fieldIndex);

    /** {@link Immediates#TYPE_TYPE}: array.copy. */
    void visitArrayCopy(int dstType, int srcType);

    /** {@link Immediates#TYPE_LENGTH}: array.new_fixed. */
    void visitArrayNewFixed(int typeIndex, int length);

    /** {@link Immediates#TYPE_DATA}: array.new_data, array.init_data. */
    void visitArrayData(Opcode op, int typeIndex, int dataIndex);

    /** {@link Immediates#TYPE_ELEM}: array.new_elem, array.init_elem. */
    void visitArrayElem(Opcode op, int typeIndex, int elemIndex);

    /**
     * {@link Immediates#BR_ON_CAST}: br_on_cast, br_on_cast_fail; the cast flags byte is folded
     * into the nullability of {@code from} (bit 0) and {@code to} (bit 1).
     */
    void visitBrOnCast(Opcode op, int depth, RefType from, RefType to);
}
