package dev.jwasm.spi;

import dev.jwasm.spi.runtime.CanonicalType;

/**
 * A store's heap of the GC proposal's structs and arrays, addressed by tagged 64-bit references
 * ({@link GcRefs}). This is the whole contract executors and the runtime use: allocation of every
 * {@code struct.new*}/{@code array.new*} form, field and element access (packed {@code i8}/{@code
 * i16} read back sign- or zero-extended), the bulk array operations, the runtime type a cast
 * tests, and collection. A provider's concrete class should be final and implement these
 * directly, so that compiled code can call it without an interface dispatch.
 *
 * <p>Values cross as raw {@code long}s, as everywhere in jwasm: i32 and f32 as their bits, a v128
 * as a low and a high half (the {@code high} arguments; ignored for other storage). A reference
 * argument named {@code ref} must be of the type the validator proved (a struct for field access,
 * an array of a type with that element storage for element access); null traps with the
 * instruction's own message. Indexes and lengths are unsigned i32 values widened to {@code long}.
 *
 * <p>Any allocation may collect first. Everything the program still reaches must then be reachable
 * from the {@link GcRoots} the heap was made with, including the allocation's own operands: the
 * {@code values} arrays are read before the heap collects only if the caller keeps them in a
 * rooted place (an interpreter's frame, a root stack). Allocation beyond the engine's {@code
 * maxGcHeapBytes}, after a collection, traps with {@link dev.jwasm.api.TrapKind#GC_HEAP_EXHAUSTED}.
 */
// Heaps lay objects out by the runtime's canonical types (dev.jwasm.spi.runtime), exported to
// jwasm's own modules only: this SPI is implemented by them (gc-arena), not by embedders.
@SuppressWarnings("exports")
public interface GcHeap extends AutoCloseable {
    /** The name of the backend that made this heap. */
    String name();

    /** {@code struct.new}: fields from {@code values[from...]} (high halves of v128s in {@code highs}). */
    long structNew(CanonicalType type, long[] values, long[] highs, int from);

    /** {@code struct.new_default}: every field zero or null. */
    long structNewDefault(CanonicalType type);

    /** {@code struct.new_desc} (custom descriptors): as {@link #structNew} with a non-null descriptor. */
    long structNewDesc(CanonicalType type, long[] values, long[] highs, int from, long descriptor);

    /** The descriptor reference a struct was made with ({@code ref.get_desc}); null traps. */
    long descriptor(long ref);

    /** {@code struct.get}, {@code struct.get_s} ({@code signed}) and {@code struct.get_u}. */
    long structGet(long ref, int field, boolean signed);

    /** The high half of a v128 field. */
    long structGetHigh(long ref, int field);

    /** {@code struct.set}; a packed field keeps the low bits. */
    void structSet(long ref, int field, long value, long high);

    /** {@code array.new}: {@code length} copies of one value. */
    long arrayNew(CanonicalType type, long length, long value, long high);

    /** {@code array.new_default}. */
    long arrayNewDefault(CanonicalType type, long length);

    /** {@code array.new_fixed}: elements from {@code values[from...]}. */
    long arrayNewFixed(CanonicalType type, long[] values, long[] highs, int from, int length);

    /**
     * {@code array.new_data}: elements read little-endian from {@code data[offset...]}; traps
     * "out of bounds memory access" past the segment.
     */
    long arrayNewData(CanonicalType type, byte[] data, long offset, long length);

    /** {@code array.new_elem}: references from {@code refs[offset...]}; traps "out of bounds table access". */
    long arrayNewElem(CanonicalType type, long[] refs, long offset, long length);

    /** {@code array.get(_s/_u)}; traps "out of bounds array access". */
    long arrayGet(long ref, long index, boolean signed);

    /** The high half of a v128 element. */
    long arrayGetHigh(long ref, long index);

    /** {@code array.set}. */
    void arraySet(long ref, long index, long value, long high);

    /** {@code array.len}. */
    int arrayLength(long ref);

    /** {@code array.fill}. */
    void arrayFill(long ref, long at, long value, long high, long length);

    /** {@code array.copy}, overlap-safe; {@code dst} and {@code src} have the same element storage. */
    void arrayCopy(long dst, long dstAt, long src, long srcAt, long length);

    /** {@code array.init_data}; array bounds are checked before the segment's. */
    void arrayInitData(long ref, long at, byte[] data, long from, long length);

    /** {@code array.init_elem}. */
    void arrayInitElem(long ref, long at, long[] refs, long from, long length);

    /** The canonical type an object reference was allocated with: what casts test. */
    CanonicalType typeOf(long ref);

    /**
     * Runs a full collection now. Normally the heap decides by itself, inside allocation; hosts
     * and tests may force one.
     */
    void collect();

    /**
     * Defers collection while {@code deferred} (nesting counts), for code that holds new
     * references where the roots do not see them (constant expressions during instantiation).
     * Allocation still respects the cap.
     */
    void deferCollection(boolean deferred);

    /** Bytes held by objects allocated and not yet collected (live or garbage). */
    long usedBytes();

    /** Bytes the heap has reserved from the JVM for objects, at least {@link #usedBytes()}. */
    long committedBytes();

    /** How many collections have run. */
    long collections();

    /** The longest collection pause so far, in nanoseconds. */
    long longestPauseNanos();

    /** The time every collection so far took together, in nanoseconds. */
    long totalPauseNanos();

    /** All of the counters above, read together. */
    default GcHeapStats stats() {
        return new GcHeapStats(collections(), totalPauseNanos(), longestPauseNanos(), usedBytes(), committedBytes());
    }

    /** Releases the heap's storage; the store's objects are unusable afterwards. */
    @Override
    default void close() {}
}
