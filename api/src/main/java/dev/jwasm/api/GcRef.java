package dev.jwasm.api;

import dev.jwasm.api.model.HeapType;
import dev.jwasm.spi.GcHeap;
import dev.jwasm.spi.GcRefs;
import dev.jwasm.spi.runtime.CanonicalType;
import dev.jwasm.spi.runtime.StorageKind;
import dev.jwasm.spi.runtime.StoreState;
import java.util.Objects;

/**
 * A GC reference held by the host: a struct, an array, an i31 or an internalized host value that
 * Wasm code returned (or the host made), kept alive by the store's collector until {@link
 * #close()}. References cross the API as raw tagged {@code long}s ({@link #ref()}), like every
 * other value; a raw reference the host keeps without a handle may be collected at the next
 * allocation, so hold the references in a result (or in a {@link WasmException}'s payload)
 * before calling Wasm again. {@code any.convert_extern} and {@code extern.convert_any} keep the
 * bits, so an externalized struct is still a struct here, and an internalized externref is a
 * {@link Kind#HOST} value.
 *
 * <p>Fields and elements are raw values too: i32 and f32 as their bits, packed {@code i8}/{@code
 * i16} read back zero-extended, a reference field as its raw reference (hold it to keep it). The
 * host may write mutable numeric fields and elements; reference fields are written by Wasm code,
 * which is where their declared types are checked. Not thread-safe, like the store.
 */
public final class GcRef implements AutoCloseable {
    /** What a reference is. */
    public enum Kind {
        STRUCT,
        ARRAY,
        I31,
        /** A host value (an externref passed through {@code any.convert_extern}). */
        HOST
    }

    private final StoreState store;
    private final long ref;
    private int handle;

    private GcRef(StoreState store, long ref) {
        this.store = store;
        this.ref = ref;
        this.handle = store.hold(ref);
    }

    /**
     * Holds the non-null reference {@code ref}, a result of a Wasm function of {@code store}.
     *
     * @throws JwasmException for null, a funcref, an exnref, or an object of no GC heap
     */
    public static GcRef hold(Store store, long ref) {
        StoreState state = store.state();
        if (!(GcRefs.isObject(ref) || GcRefs.isI31(ref) || (ref & StoreState.EXTERN_TAG) != 0)
                || (GcRefs.isObject(ref) && state.gcHeapIfPresent() == null)) {
            throw new JwasmException("not a GC reference of this store: 0x" + Long.toHexString(ref));
        }
        return new GcRef(state, ref);
    }

    /** The raw reference of {@code value} as an i31 ({@code ref.i31}: its low 31 bits). */
    public static long i31(int value) {
        return GcRefs.i31(value);
    }

    /**
     * A new struct of type {@code typeIndex} of {@code instance}'s module with these field values.
     *
     * @throws JwasmException if the type is not a struct type, the count is wrong, or a field is a
     *     reference (made by Wasm code, where its type is checked) or a v128
     */
    public static GcRef newStruct(Store store, Instance instance, int typeIndex, long... fields) {
        CanonicalType type = type(instance, typeIndex, HeapType.Abstract.STRUCT);
        if (fields.length != type.fieldCount()) {
            throw new JwasmException(
                    "struct type " + typeIndex + " has " + type.fieldCount() + " fields, not " + fields.length);
        }
        for (int i = 0; i < fields.length; i++) {
            requireNumeric(type.field(i), "field " + i);
        }
        GcHeap heap = store.state().gcHeap();
        return new GcRef(store.state(), heap.structNew(type, fields.clone(), null, 0));
    }

    /** A new array of type {@code typeIndex} of {@code instance}'s module with these (numeric) elements. */
    public static GcRef newArray(Store store, Instance instance, int typeIndex, long... elements) {
        CanonicalType type = type(instance, typeIndex, HeapType.Abstract.ARRAY);
        requireNumeric(type.field(0), "an element");
        GcHeap heap = store.state().gcHeap();
        return new GcRef(store.state(), heap.arrayNewFixed(type, elements.clone(), null, 0, elements.length));
    }

    private static CanonicalType type(Instance instance, int typeIndex, HeapType.Abstract kind) {
        var types = instance.state().canonicalTypes;
        if (typeIndex < 0 || typeIndex >= types.length || types[typeIndex].kind() != kind) {
            throw new JwasmException("type " + typeIndex + " of the module is not a " + kind + " type");
        }
        return types[typeIndex];
    }

    private static void requireNumeric(StorageKind kind, String what) {
        if (kind == StorageKind.REF || kind == StorageKind.V128) {
            throw new JwasmException(what + " is a " + kind + ": the host writes numeric values only");
        }
    }

    /** The raw reference, to pass to a Wasm function. */
    public long ref() {
        requireHeld();
        return ref;
    }

    public Kind kind() {
        if (GcRefs.isI31(ref)) {
            return Kind.I31;
        }
        if (!GcRefs.isObject(ref)) {
            return Kind.HOST;
        }
        return heap().typeOf(ref).kind() == HeapType.Abstract.ARRAY ? Kind.ARRAY : Kind.STRUCT;
    }

    /** An i31's value, sign-extended ({@code i31.get_s}). */
    public int i31Value() {
        require(Kind.I31);
        return GcRefs.i31Signed(ref);
    }

    /** The host object of an internalized externref. */
    public Object hostValue() {
        require(Kind.HOST);
        return store.extern(ref);
    }

    public int fieldCount() {
        require(Kind.STRUCT);
        return heap().typeOf(ref).fieldCount();
    }

    /** Field {@code i}'s raw value (packed fields zero-extended). */
    public long field(int i) {
        require(Kind.STRUCT);
        checkIndex(i, fieldCount());
        return heap().structGet(ref, i, false);
    }

    /** Writes a numeric field. */
    public void setField(int i, long value) {
        require(Kind.STRUCT);
        checkIndex(i, fieldCount());
        requireWritable(heap().typeOf(ref), i, "field " + i);
        heap().structSet(ref, i, value, 0);
    }

    public int length() {
        require(Kind.ARRAY);
        return heap().arrayLength(ref);
    }

    /** Element {@code i}'s raw value (packed elements zero-extended). */
    public long element(int i) {
        require(Kind.ARRAY);
        checkIndex(i, length());
        return heap().arrayGet(ref, i, false);
    }

    /** Writes a numeric element. */
    public void setElement(int i, long value) {
        require(Kind.ARRAY);
        checkIndex(i, length());
        requireWritable(heap().typeOf(ref), 0, "an element");
        heap().arraySet(ref, i, value, 0);
    }

    private static void requireWritable(CanonicalType type, int field, String what) {
        requireNumeric(type.field(field), what);
        if (!type.isMutable(field)) {
            throw new JwasmException(what + " is immutable");
        }
    }

    private static void checkIndex(int i, int size) {
        Objects.checkIndex(i, size);
    }

    private GcHeap heap() {
        return store.gcHeap();
    }

    private void requireHeld() {
        if (handle < 0) {
            throw new JwasmException("the GC reference was released");
        }
    }

    private void require(Kind kind) {
        requireHeld();
        if (kind() != kind) {
            throw new JwasmException(
                    "not a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " reference: " + kind());
        }
    }

    /** Releases the reference: the collector may free it once Wasm no longer reaches it. */
    @Override
    public void close() {
        if (handle >= 0) {
            store.release(handle);
            handle = -1;
        }
    }

    @Override
    public String toString() {
        if (handle < 0) {
            return "GcRef(released)";
        }
        return switch (kind()) {
            case I31 -> "i31 " + i31Value();
            case HOST -> "host " + store.extern(ref);
            case STRUCT -> "struct " + heap().typeOf(ref) + " (" + fieldCount() + " fields)";
            case ARRAY -> "array " + heap().typeOf(ref) + " [" + length() + "]";
        };
    }
}
