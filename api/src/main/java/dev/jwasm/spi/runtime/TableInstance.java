package dev.jwasm.spi.runtime;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.TableType;
import java.util.Arrays;
import java.util.Objects;

/** A table (spec 4.2.7): tagged reference values, with the type's limits enforced on growth. */
public final class TableInstance {
    /** No table holds more elements than this, whatever its type allows (resource limit). */
    public static final int MAX_ELEMENTS = 10_000_000;

    private final TableType type;
    private final RefType canonicalElementType;
    private long[] elements;

    /** A table made outside any module (by the host): its element type has no concrete heap types. */
    public TableInstance(TableType type, long init) {
        this(type, type.elementType(), init);
    }

    /**
     * A module's table; {@code canonicalElementType} is its element type with type indexes
     * replaced by canonical ids, which import matching compares across modules.
     */
    public TableInstance(TableType type, RefType canonicalElementType, long init) {
        this.type = Objects.requireNonNull(type, "type");
        this.canonicalElementType = Objects.requireNonNull(canonicalElementType, "canonicalElementType");
        long min = type.limits().min();
        if (min > MAX_ELEMENTS) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_TABLE, "table of " + min + " elements exceeds the limit");
        }
        this.elements = new long[(int) min];
        Arrays.fill(elements, init);
    }

    public TableType type() {
        return type;
    }

    /** The element type in canonical form (concrete heap types name canonical type ids). */
    public RefType canonicalElementType() {
        return canonicalElementType;
    }

    /** Passes every element to {@code visitor}: a table's references are GC roots. */
    public void forEachElement(java.util.function.LongConsumer visitor) {
        for (long e : elements) {
            visitor.accept(e);
        }
    }

    public int size() {
        return elements.length;
    }

    /** {@code table.get}: traps "out of bounds table access" past the size. */
    public long get(long index) {
        if (index < 0 || index >= elements.length) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_TABLE);
        }
        return elements[(int) index];
    }

    public void set(long index, long ref) {
        if (index < 0 || index >= elements.length) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_TABLE);
        }
        elements[(int) index] = ref;
    }

    /** {@code table.grow} (spec 4.4.6.7): the old size, or -1 with nothing changed past the maximum. */
    public long grow(long delta, long init) {
        int old = elements.length;
        long max = type.limits().hasMax() ? type.limits().max() : MAX_ELEMENTS;
        if (delta < 0 || delta > Math.min(max, MAX_ELEMENTS) - old) {
            return -1;
        }
        long[] grown = Arrays.copyOf(elements, old + (int) delta);
        Arrays.fill(grown, old, grown.length, init);
        elements = grown;
        return old;
    }

    /** Writes {@code refs[from, from+length)} at {@code at}; traps, writing nothing, when out of bounds. */
    public void init(long at, long[] refs, long from, long length, TrapKind kind) {
        if (at < 0 || from < 0 || length < 0 || at > elements.length - length || from > refs.length - length) {
            throw new Trap(kind);
        }
        System.arraycopy(refs, (int) from, elements, (int) at, (int) length);
    }

    /** {@code table.fill} (spec 4.4.6.8): traps, writing nothing, when out of bounds. */
    public void fill(long at, long ref, long length) {
        if (at < 0 || length < 0 || at > elements.length - length) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_TABLE);
        }
        Arrays.fill(elements, (int) at, (int) (at + length), ref);
    }

    /** {@code table.copy} (spec 4.4.6.9), from {@code src} (possibly this table), overlap-safe. */
    public void copyFrom(TableInstance src, long srcAt, long dstAt, long length) {
        if (srcAt < 0
                || dstAt < 0
                || length < 0
                || srcAt > src.elements.length - length
                || dstAt > elements.length - length) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_TABLE);
        }
        System.arraycopy(src.elements, (int) srcAt, elements, (int) dstAt, (int) length);
    }
}
