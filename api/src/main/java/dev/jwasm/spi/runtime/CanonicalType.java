package dev.jwasm.spi.runtime;

import dev.jwasm.api.model.HeapType;
import java.util.Objects;

/**
 * A defined type's identity under iso-recursive type equivalence (Wasm 3.0, spec 3.3.x "Rolling
 * and Unrolling"), shared by every module of the JVM: two modules' type indexes denote the same
 * type exactly when they map to the same {@code CanonicalType} object, so type equality across
 * modules (import matching, {@code call_indirect}) is a reference comparison.
 *
 * <p>Declared subtyping is answered in constant time with a display: each type keeps its chain of
 * supertypes indexed by depth, so {@code a <: b} holds exactly when {@code a}'s ancestor at
 * {@code b}'s depth is {@code b}. The validator's type registry creates these; executors only
 * compare them.
 */
public final class CanonicalType {
    private final int id;
    private final HeapType.Abstract kind;
    private final CanonicalType[] display;
    /** Struct: its fields' storage; array: its one element's; function: none. */
    private final StorageKind[] fields;
    /** Whether each of {@link #fields} is mutable. */
    private final boolean[] mutable;
    /** Whether objects of this struct type carry a descriptor reference (custom descriptors). */
    private final boolean hasDescriptor;
    /** A GC heap's own layout of this type, made on first allocation (see {@link #heapLayout}). */
    private volatile Object heapLayout;

    /**
     * @param id a number unique to this type among all canonical types
     * @param supertype the declared supertype's canonical type, or null
     * @param kind the abstract heap type directly above it: func, struct or array
     */
    public CanonicalType(int id, CanonicalType supertype, HeapType.Abstract kind) {
        this(id, supertype, kind, new StorageKind[0], new boolean[0], false);
    }

    /**
     * @param fields a struct's fields' storage in order, an array's element storage (one entry),
     *     or empty for a function type
     * @param mutable whether each of {@code fields} is mutable
     * @param hasDescriptor whether the struct type declares a descriptor type (custom descriptors
     *     proposal), whose reference each of its objects then carries
     */
    public CanonicalType(
            int id,
            CanonicalType supertype,
            HeapType.Abstract kind,
            StorageKind[] fields,
            boolean[] mutable,
            boolean hasDescriptor) {
        if (mutable.length != fields.length) {
            throw new IllegalArgumentException("one mutability per field: " + mutable.length + " for " + fields.length);
        }
        this.fields = fields.clone();
        this.mutable = mutable.clone();
        this.hasDescriptor = hasDescriptor;
        if (kind == HeapType.Abstract.ARRAY && fields.length != 1) {
            throw new IllegalArgumentException("an array type has one element storage, not " + fields.length);
        }
        this.id = id;
        this.kind = Objects.requireNonNull(kind, "kind");
        int depth = supertype == null ? 0 : supertype.depth() + 1;
        this.display = new CanonicalType[depth + 1];
        if (supertype != null) {
            System.arraycopy(supertype.display, 0, display, 0, depth);
        }
        display[depth] = this;
    }

    /** A number unique to this type; equal ids are the same type. */
    public int id() {
        return id;
    }

    /** Func, struct or array: the abstract heap type directly above this one. */
    public HeapType.Abstract kind() {
        return kind;
    }

    /** The length of the declared supertype chain: 0 without a supertype. */
    public int depth() {
        return display.length - 1;
    }

    /** The declared supertype, or null. */
    public CanonicalType supertype() {
        return display.length > 1 ? display[display.length - 2] : null;
    }

    /** Whether this type is {@code expected} or declares it as a (transitive) supertype. */
    public boolean isSubtypeOf(CanonicalType expected) {
        if (this == expected) {
            return true;
        }
        int d = expected.display.length - 1;
        return d < display.length - 1 && display[d] == expected;
    }

    /** The number of fields of a struct type (1 for an array type: its element). */
    public int fieldCount() {
        return fields.length;
    }

    /** The storage of field {@code i} of a struct type, or of an array type's elements ({@code i} = 0). */
    public StorageKind field(int i) {
        return fields[i];
    }

    /** Whether field {@code i} (or an array type's elements, {@code i} = 0) is mutable. */
    public boolean isMutable(int i) {
        return mutable[i];
    }

    /** Whether objects of this struct type carry a descriptor reference (custom descriptors proposal). */
    public boolean hasDescriptor() {
        return hasDescriptor;
    }

    /**
     * The layout a GC heap computed for this type, or null: a heap caches it here so that
     * allocation finds it without a lookup. Only one heap implementation's layouts can live here;
     * a heap must check the class of what it finds.
     */
    public Object heapLayout() {
        return heapLayout;
    }

    /** Caches a GC heap's layout of this type (see {@link #heapLayout()}); racing heaps agree. */
    public void heapLayout(Object layout) {
        this.heapLayout = layout;
    }

    @Override
    public String toString() {
        return "type#" + id;
    }
}
