package dev.jwasm.gc.arena;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.spi.GcRefs;
import dev.jwasm.spi.runtime.CanonicalType;
import dev.jwasm.spi.runtime.StorageKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arena heap on its own: layouts, packing, bounds, collection from explicit roots, the cap. */
class ArenaHeapTest {
    private static int ids = 1_000_000;

    private static CanonicalType struct(StorageKind... fields) {
        return new CanonicalType(ids++, null, HeapType.Abstract.STRUCT, fields, new boolean[fields.length], false);
    }

    private static CanonicalType array(StorageKind element) {
        return new CanonicalType(
                ids++, null, HeapType.Abstract.ARRAY, new StorageKind[] {element}, new boolean[1], false);
    }

    private final List<Long> roots = new ArrayList<>();
    private final ArenaHeap heap = new ArenaHeap(1L << 30, v -> roots.forEach(v::accept));

    @Test
    void packedFieldsReadBackSignOrZeroExtended() {
        var t = struct(StorageKind.I8, StorageKind.I16, StorageKind.I32, StorageKind.I64);
        long s = heap.structNew(t, new long[] {0x1FF, 0x18000, -7, Long.MIN_VALUE}, null, 0);
        assertEquals(-1, heap.structGet(s, 0, true));
        assertEquals(0xFF, heap.structGet(s, 0, false));
        assertEquals(-0x8000, heap.structGet(s, 1, true));
        assertEquals(0x8000, heap.structGet(s, 1, false));
        assertEquals(-7, heap.structGet(s, 2, false));
        assertEquals(Long.MIN_VALUE, heap.structGet(s, 3, false));
        assertSame(t, heap.typeOf(s));
        assertTrue(GcRefs.isObject(s));
    }

    @Test
    void i8ArraysArePackedEightToASlot() {
        long before = heap.usedBytes();
        long a = heap.arrayNewDefault(array(StorageKind.I8), 8000);
        // Header and length, then 1000 slots of elements.
        assertEquals(before + 8 * 1002, heap.usedBytes());
        heap.arraySet(a, 7999, -2, 0);
        heap.arraySet(a, 7998, 0x7F, 0);
        assertEquals(-2, heap.arrayGet(a, 7999, true));
        assertEquals(0xFE, heap.arrayGet(a, 7999, false));
        assertEquals(0x7F, heap.arrayGet(a, 7998, true));
        assertEquals(0, heap.arrayGet(a, 7997, true));
        assertEquals(8000, heap.arrayLength(a));
    }

    @Test
    void v128FieldsAndElementsKeepBothHalves() {
        var t = struct(StorageKind.I32, StorageKind.V128, StorageKind.REF);
        long s = heap.structNew(t, new long[] {1, 0x1111, 0}, new long[] {0, 0x2222, 0}, 0);
        assertEquals(0x1111, heap.structGet(s, 1, false));
        assertEquals(0x2222, heap.structGetHigh(s, 1));
        heap.structSet(s, 1, 3, 4);
        assertEquals(4, heap.structGetHigh(s, 1));
        long a = heap.arrayNew(array(StorageKind.V128), 3, 5, 6);
        heap.arraySet(a, 2, 7, 8);
        assertEquals(5, heap.arrayGet(a, 1, false));
        assertEquals(6, heap.arrayGetHigh(a, 1));
        assertEquals(8, heap.arrayGetHigh(a, 2));
    }

    @Test
    void dataSegmentsFillArraysLittleEndian() {
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        long a = heap.arrayNewData(array(StorageKind.I16), data, 1, 4);
        assertEquals(0x0302, heap.arrayGet(a, 0, false));
        assertEquals(0x0908, heap.arrayGet(a, 3, false));
        var trap = assertThrows(Trap.class, () -> heap.arrayNewData(array(StorageKind.I32), data, 2, 2));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap.kind());
        long w = heap.arrayNewData(array(StorageKind.I64), data, 1, 1);
        assertEquals(0x0908070605040302L, heap.arrayGet(w, 0, false));
    }

    @Test
    void accessTrapsWithTheSpecsMessages() {
        long a = heap.arrayNewDefault(array(StorageKind.I32), 3);
        assertEquals(
                TrapKind.OUT_OF_BOUNDS_ARRAY,
                assertThrows(Trap.class, () -> heap.arrayGet(a, 3, false)).kind());
        assertEquals(
                TrapKind.OUT_OF_BOUNDS_ARRAY,
                assertThrows(Trap.class, () -> heap.arrayFill(a, 2, 0, 0, 2)).kind());
        assertEquals(
                TrapKind.NULL_ARRAY_REFERENCE,
                assertThrows(Trap.class, () -> heap.arrayLength(0)).kind());
        assertEquals(
                TrapKind.NULL_STRUCTURE_REFERENCE,
                assertThrows(Trap.class, () -> heap.structGet(0, 0, false)).kind());
    }

    @Test
    void overlappingPackedCopiesMoveLikeMemmove() {
        long a = heap.arrayNewFixed(array(StorageKind.I8), new long[] {1, 2, 3, 4, 5, 6}, null, 0, 6);
        heap.arrayCopy(a, 1, a, 0, 5);
        long[] got = new long[6];
        for (int i = 0; i < 6; i++) {
            got[i] = heap.arrayGet(a, i, false);
        }
        assertArrayEquals(new long[] {1, 1, 2, 3, 4, 5}, got);
    }

    @Test
    void collectionFreesWhatNoRootReachesAndReusesIt() {
        var node = struct(StorageKind.I32, StorageKind.REF);
        long kept = heap.structNew(node, new long[] {1, 0}, null, 0);
        long chained = heap.structNew(node, new long[] {2, kept}, null, 0);
        roots.add(chained);
        for (int i = 0; i < 1000; i++) {
            heap.structNew(node, new long[] {i, 0}, null, 0);
        }
        long committed = heap.committedBytes();
        heap.collect();
        assertEquals(2 * 3 * 8, heap.usedBytes(), "only the chain is live");
        assertEquals(1, heap.structGet(heap.structGet(chained, 1, false), 0, false));
        for (int i = 0; i < 1000; i++) {
            heap.structNew(node, new long[] {i, 0}, null, 0);
        }
        assertEquals(committed, heap.committedBytes(), "freed blocks were reused, the arena did not grow");
    }

    @Test
    void aRootThatIsNotAnObjectStartIsIgnored() {
        var box = struct(StorageKind.I64);
        long s = heap.structNew(box, new long[] {5}, null, 0);
        roots.add(s + 1); // points into the object, not at it
        roots.add(GcRefs.i31(3));
        heap.collect();
        assertEquals(0, heap.usedBytes());
    }

    @Test
    void theCapIsATrapNotAnOutOfMemoryError() {
        var small = new ArenaHeap(64 * 1024, v -> roots.forEach(v::accept));
        var t = array(StorageKind.I64);
        for (int i = 0; i < 100; i++) {
            roots.add(small.arrayNewDefault(t, 100));
            if (small.usedBytes() > 60 * 1024) {
                break;
            }
        }
        var trap = assertThrows(Trap.class, () -> small.arrayNewDefault(t, 2000));
        assertEquals(TrapKind.GC_HEAP_EXHAUSTED, trap.kind());
        assertEquals(
                TrapKind.GC_HEAP_EXHAUSTED,
                assertThrows(Trap.class, () -> small.arrayNewDefault(t, 0xFFFF_FFFFL))
                        .kind());
        roots.clear();
        small.arrayNewDefault(t, 2000);
    }
}
