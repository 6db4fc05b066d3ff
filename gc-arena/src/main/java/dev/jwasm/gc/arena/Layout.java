package dev.jwasm.gc.arena;

import dev.jwasm.api.model.HeapType;
import dev.jwasm.spi.runtime.CanonicalType;
import dev.jwasm.spi.runtime.StorageKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where an object of one canonical type keeps what, in slots from its header. A struct: the
 * header, its descriptor reference if its type has one, then one slot per field (two for a
 * v128), packed fields unpacked in their own slot. An array: the header, its length, then its
 * elements packed little-endian at their own width ({@code i8}: eight to a slot; a v128 takes
 * two), so that a data segment's bytes are the payload's bytes.
 *
 * <p>Layouts are JVM-wide, numbered from 1 (0 marks a free block in a header), and cached on
 * the canonical type, so allocation finds one without a lookup.
 */
final class Layout {
    private static final Object LOCK = new Object();
    private static final List<Layout> BY_INDEX = new ArrayList<>();

    static {
        BY_INDEX.add(null); // number 0: a free block
    }

    final CanonicalType type;
    final int index;
    final boolean array;
    /** Struct: slot offset of each field from the header. */
    final int[] fieldSlot;
    /** Struct: each field's storage. Array: one entry, the elements'. */
    final StorageKind[] storage;
    /** Struct: its size in slots. */
    final int size;
    /** Struct: the slot offsets the collector traces (reference fields and the descriptor). */
    final int[] refSlots;
    /** Array: the element width in bytes. */
    final int elementBytes;
    /** Array: whether elements are references. */
    final boolean refElements;
    /** Struct: the descriptor's slot (1), or -1 without one. */
    final int descriptorSlot;

    private Layout(CanonicalType type, int index) {
        this.type = type;
        this.index = index;
        this.array = type.kind() == HeapType.Abstract.ARRAY;
        this.storage = new StorageKind[type.fieldCount()];
        for (int i = 0; i < storage.length; i++) {
            storage[i] = type.field(i);
        }
        if (array) {
            fieldSlot = new int[0];
            refSlots = new int[0];
            size = ArenaHeap.ARRAY_HEADER;
            descriptorSlot = -1;
            elementBytes = storage[0].bytes();
            refElements = storage[0] == StorageKind.REF;
            return;
        }
        elementBytes = 0;
        refElements = false;
        int at = 1;
        var refs = new int[storage.length + 1];
        int nrefs = 0;
        if (type.hasDescriptor()) {
            descriptorSlot = at++;
            refs[nrefs++] = descriptorSlot;
        } else {
            descriptorSlot = -1;
        }
        fieldSlot = new int[storage.length];
        for (int i = 0; i < storage.length; i++) {
            fieldSlot[i] = at;
            if (storage[i] == StorageKind.REF) {
                refs[nrefs++] = at;
            }
            at += storage[i] == StorageKind.V128 ? 2 : 1;
        }
        size = at;
        refSlots = Arrays.copyOf(refs, nrefs);
    }

    /** The layout of {@code type}, made and numbered on first use. */
    static Layout of(CanonicalType type) {
        if (type.heapLayout() instanceof Layout l) {
            return l;
        }
        synchronized (LOCK) {
            if (type.heapLayout() instanceof Layout l) {
                return l;
            }
            var made = new Layout(type, BY_INDEX.size());
            BY_INDEX.add(made);
            type.heapLayout(made);
            return made;
        }
    }

    /** An array's size in slots for {@code length} (a u32) elements; may exceed what an int holds. */
    long arraySlots(long length) {
        long bytes = length * elementBytes;
        return ArenaHeap.ARRAY_HEADER + (bytes + 7) / 8;
    }
}
