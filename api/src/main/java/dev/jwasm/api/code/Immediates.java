package dev.jwasm.api.code;

/**
 * The shape of an instruction's immediate operands in the binary format (spec 5.4). Each kind
 * corresponds to exactly one {@link InstructionVisitor} method, named in brackets below.
 */
public enum Immediates {
    /** No immediates [visitSimple]. */
    NONE,
    /** A block type: empty, one value type, or a type index as s33 [visitBlock]. */
    BLOCK_TYPE,
    /** try_table: block type, then a vector of catch clauses [visitTryTable]. */
    TRY_TABLE,
    /** A relative branch depth [visitLabel]. */
    LABEL,
    /** br_table: a vector of depths, then the default depth [visitBrTable]. */
    LABEL_TABLE,
    /** A function index [visitFunction]. */
    FUNC,
    /** A type index, then a table index (binary order) [visitCallIndirect]. */
    CALL_INDIRECT,
    /** A type index [visitType]. */
    TYPE,
    /** An exception tag index [visitTag]. */
    TAG,
    /** A local index [visitLocal]. */
    LOCAL,
    /** A global index [visitGlobal]. */
    GLOBAL,
    /** A table index [visitTable]. */
    TABLE,
    /** table.copy: destination, then source table index [visitTableCopy]. */
    TABLE_TABLE,
    /** table.init: element segment index, then table index (binary order) [visitTableInit]. */
    TABLE_INIT,
    /** An element segment index [visitElem]. */
    ELEM,
    /** A memory index [visitMemoryIndex]. */
    MEMORY,
    /** memory.copy: destination, then source memory index [visitMemoryCopy]. */
    MEMORY_MEMORY,
    /** memory.init: data segment index, then memory index (binary order) [visitMemoryInit]. */
    MEMORY_INIT,
    /** A data segment index [visitData]. */
    DATA,
    /**
     * A memarg: alignment flags (bit 6 set means a memory index follows), optional memory index,
     * offset (u32, or u64 for memory64) [visitMemory].
     */
    MEMARG,
    /** A memarg, then a lane index byte [visitMemoryLane]. */
    MEMARG_LANE,
    /** A lane index byte [visitLane]. */
    LANE,
    /** Sixteen lane index bytes [visitShuffle]. */
    SHUFFLE,
    /** An s32 [visitI32Const]. */
    I32,
    /** An s64 [visitI64Const]. */
    I64,
    /** Four little-endian bytes of an f32 [visitF32Const]. */
    F32,
    /** Eight little-endian bytes of an f64 [visitF64Const]. */
    F64,
    /** Sixteen little-endian bytes [visitV128Const]. */
    V128,
    /** A heap type (ref.null) [visitHeapType]. */
    HEAP_TYPE,
    /**
     * ref.test / ref.cast / ref.cast_desc_eq: a heap type; the opcode says whether the reference
     * type is nullable (the {@code _NULL} constants) [visitRefType].
     */
    REF_TYPE,
    /** select with a vector of value types [visitSelect]. */
    SELECT_TYPES,
    /** A type index, then a field index [visitField]. */
    TYPE_FIELD,
    /** array.copy: destination, then source type index [visitArrayCopy]. */
    TYPE_TYPE,
    /** array.new_fixed: a type index, then the element count [visitArrayNewFixed]. */
    TYPE_LENGTH,
    /** A type index, then a data segment index [visitArrayData]. */
    TYPE_DATA,
    /** A type index, then an element segment index [visitArrayElem]. */
    TYPE_ELEM,
    /**
     * br_on_cast(_fail), br_on_cast_desc_eq(_fail): cast flags byte, label, source heap type,
     * target heap type [visitBrOnCast].
     */
    BR_ON_CAST,
    /** atomic.fence: one reserved zero byte, no operands [visitSimple]. */
    ATOMIC_FENCE
}
