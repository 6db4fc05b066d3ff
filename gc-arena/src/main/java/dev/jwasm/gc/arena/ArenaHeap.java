package dev.jwasm.gc.arena;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.spi.GcHeap;
import dev.jwasm.spi.GcRefs;
import dev.jwasm.spi.GcRoots;
import dev.jwasm.spi.runtime.CanonicalType;
import dev.jwasm.spi.runtime.StorageKind;
import java.util.Arrays;

/**
 * The arena heap (DESIGN.md "GC heap"): objects in one {@code long[]} of slots, a reference being
 * {@link GcRefs#OBJECT_TAG} above the object's first slot. The first slot is the header: the
 * {@link Layout} number in its low 32 bits and the mark bit on top; an array's second slot is its
 * length. A free block's header has layout number 0 and its size in slots in bits 32-62.
 *
 * <p>Collection is a precise, non-moving, stop-the-world mark-sweep: mark from the {@link GcRoots}
 * with an explicit stack (no recursion, so deep lists cannot overflow the JVM stack), then one
 * linear sweep that merges each run of dead objects and free blocks into one free block and puts
 * it on its size class's list ({@link FreeLists}); a run at the end of the arena goes back to the
 * bump region. It runs inside allocation when the bytes allocated since the last collection pass
 * a threshold that is a factor of the bytes live after it (with a floor), and whenever the arena
 * would have to grow past the cap; past the cap after a collection, allocation traps.
 */
final class ArenaHeap implements GcHeap {
    /** An array's header and length slots. */
    static final int ARRAY_HEADER = 2;

    private static final long MARK = 1L << 63;
    private static final long TYPE_MASK = 0xFFFF_FFFFL;
    private static final int INITIAL_SLOTS = 1024;
    /** Collect once this many slots were allocated since the last collection, at least. */
    static final long THRESHOLD_FLOOR_SLOTS = 1 << 17;
    /** ... or this factor of the slots live after it, whichever is more. */
    private static final long THRESHOLD_FACTOR = 2;
    /** The longest a JVM array can be, a few slots short of Integer.MAX_VALUE. */
    private static final long MAX_SLOTS = Integer.MAX_VALUE - 16;

    private final GcRoots roots;
    private final long capSlots;

    private long[] slots = new long[0];
    /** One bit per slot: set where an object starts, so a root is checked in O(1). */
    private long[] starts = new long[0];
    /** The bump pointer: slots from here up are unused. */
    private int top = 1;
    /** Slots in free blocks below {@link #top}. */
    private long freeSlots;

    private final FreeLists free = new FreeLists();
    /** This heap's layouts by number: any header's number was registered here by allocation. */
    private Layout[] layouts = new Layout[16];

    private long allocatedSinceCollection;
    private long threshold = THRESHOLD_FLOOR_SLOTS;
    private int deferred;
    private long collections;
    private long longestPause;
    private long totalPause;
    private int[] markStack = new int[256];

    ArenaHeap(long maxBytes, GcRoots roots) {
        this.roots = roots;
        // Slot 0 is never an object, so that no reference is OBJECT_TAG alone.
        this.capSlots = Math.max(2, Math.min(MAX_SLOTS, maxBytes / 8));
    }

    @Override
    public String name() {
        return ArenaGcHeapProvider.NAME;
    }

    // ---- allocation -------------------------------------------------------------------------

    private Layout layout(CanonicalType type) {
        Layout l = Layout.of(type);
        if (l.index >= layouts.length) {
            layouts = Arrays.copyOf(layouts, Math.max(layouts.length * 2, l.index + 1));
        }
        layouts[l.index] = l;
        return l;
    }

    /** A zeroed block of {@code size} slots with its header; collects or traps as the class says. */
    private int allocate(Layout layout, long size) {
        if (size > capSlots) {
            throw new Trap(TrapKind.GC_HEAP_EXHAUSTED);
        }
        int n = (int) size;
        if (deferred == 0 && allocatedSinceCollection >= threshold) {
            collect();
        }
        int at = take(n);
        if (at < 0) {
            if (deferred == 0) {
                collect();
                at = take(n);
            }
            if (at < 0) {
                throw new Trap(TrapKind.GC_HEAP_EXHAUSTED);
            }
        }
        Arrays.fill(slots, at, at + n, 0L);
        slots[at] = layout.index;
        starts[at >>> 6] |= 1L << at;
        allocatedSinceCollection += n;
        return at;
    }

    /** A block of {@code n} slots from the free lists or the bump region (grown within the cap), or -1. */
    private int take(int n) {
        int at = free.take(n, slots);
        if (at >= 0) {
            freeSlots -= n;
            return at;
        }
        if (top + (long) n > slots.length && !grow(top + (long) n)) {
            return -1;
        }
        at = top;
        top += n;
        return at;
    }

    private boolean grow(long needed) {
        if (needed > capSlots) {
            return false;
        }
        long length = Math.min(capSlots, Math.max(needed, Math.max(INITIAL_SLOTS, 2L * slots.length)));
        try {
            slots = Arrays.copyOf(slots, (int) length);
            starts = Arrays.copyOf(starts, (int) ((length + 63) >>> 6));
        } catch (OutOfMemoryError e) {
            // The JVM's own heap is full before the cap: still Wasm's trap, never the JVM's error.
            return false;
        }
        return true;
    }

    private static long ref(int at) {
        return GcRefs.object(at);
    }

    private static void checkLength(long length) {
        if (length < 0 || length > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("array length out of the u32 range: " + length);
        }
    }

    private int newArray(Layout l, long length) {
        checkLength(length);
        int at = allocate(l, l.arraySlots(length));
        slots[at + 1] = length;
        return at;
    }

    @Override
    public long structNew(CanonicalType type, long[] values, long[] highs, int from) {
        Layout l = layout(type);
        int at = allocate(l, l.size);
        writeFields(l, at, values, highs, from);
        return ref(at);
    }

    private void writeFields(Layout l, int at, long[] values, long[] highs, int from) {
        for (int i = 0; i < l.fieldSlot.length; i++) {
            int s = at + l.fieldSlot[i];
            StorageKind k = l.storage[i];
            slots[s] = pack(k, values[from + i]);
            if (k == StorageKind.V128) {
                slots[s + 1] = highs[from + i];
            }
        }
    }

    @Override
    public long structNewDefault(CanonicalType type) {
        Layout l = layout(type);
        return ref(allocate(l, l.size));
    }

    @Override
    public long structNewDesc(CanonicalType type, long[] values, long[] highs, int from, long descriptor) {
        Layout l = layout(type);
        int at = allocate(l, l.size);
        writeFields(l, at, values, highs, from);
        if (l.descriptorSlot > 0) {
            slots[at + l.descriptorSlot] = descriptor;
        }
        return ref(at);
    }

    @Override
    public long descriptor(long ref) {
        int at = struct(ref);
        Layout l = layouts[(int) (slots[at] & TYPE_MASK)];
        return l.descriptorSlot > 0 ? slots[at + l.descriptorSlot] : 0;
    }

    @Override
    public long arrayNew(CanonicalType type, long length, long value, long high) {
        Layout l = layout(type);
        int at = newArray(l, length);
        if (value != 0 || high != 0) {
            fill(l, at, 0, length, value, high);
        }
        return ref(at);
    }

    @Override
    public long arrayNewDefault(CanonicalType type, long length) {
        Layout l = layout(type);
        return ref(newArray(l, length));
    }

    @Override
    public long arrayNewFixed(CanonicalType type, long[] values, long[] highs, int from, int length) {
        Layout l = layout(type);
        int at = newArray(l, length);
        for (int i = 0; i < length; i++) {
            put(l, at, i, values[from + i], highs == null ? 0 : highs[from + i]);
        }
        return ref(at);
    }

    @Override
    public long arrayNewData(CanonicalType type, byte[] data, long offset, long length) {
        Layout l = layout(type);
        checkLength(length);
        long bytes = length * l.elementBytes;
        if (offset < 0 || offset + bytes > data.length) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
        }
        int at = newArray(l, length);
        putBytes(at, 0, data, (int) offset, (int) bytes);
        return ref(at);
    }

    @Override
    public long arrayNewElem(CanonicalType type, long[] refs, long offset, long length) {
        Layout l = layout(type);
        checkLength(length);
        if (offset < 0 || offset + length > refs.length) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_TABLE);
        }
        int at = newArray(l, length);
        System.arraycopy(refs, (int) offset, slots, at + ARRAY_HEADER, (int) length);
        return ref(at);
    }

    // ---- access -----------------------------------------------------------------------------

    /** A struct's first slot; null traps. */
    private static int struct(long ref) {
        if (ref == 0) {
            throw new Trap(TrapKind.NULL_STRUCTURE_REFERENCE);
        }
        return (int) GcRefs.objectId(ref);
    }

    /** An array's first slot; null traps. */
    private static int array(long ref) {
        if (ref == 0) {
            throw new Trap(TrapKind.NULL_ARRAY_REFERENCE);
        }
        return (int) GcRefs.objectId(ref);
    }

    private Layout layoutAt(int at) {
        return layouts[(int) (slots[at] & TYPE_MASK)];
    }

    private static long pack(StorageKind k, long value) {
        return switch (k) {
            case I8 -> value & 0xFF;
            case I16 -> value & 0xFFFF;
            default -> value;
        };
    }

    private static long unpack(StorageKind k, long bits, boolean signed) {
        return switch (k) {
            case I8 -> signed ? (byte) bits : bits & 0xFF;
            case I16 -> signed ? (short) bits : bits & 0xFFFF;
            case I32, F32 -> (int) bits;
            default -> bits;
        };
    }

    @Override
    public long structGet(long ref, int field, boolean signed) {
        int at = struct(ref);
        Layout l = layoutAt(at);
        return unpack(l.storage[field], slots[at + l.fieldSlot[field]], signed);
    }

    @Override
    public long structGetHigh(long ref, int field) {
        int at = struct(ref);
        return slots[at + layoutAt(at).fieldSlot[field] + 1];
    }

    @Override
    public void structSet(long ref, int field, long value, long high) {
        int at = struct(ref);
        Layout l = layoutAt(at);
        int s = at + l.fieldSlot[field];
        StorageKind k = l.storage[field];
        slots[s] = pack(k, value);
        if (k == StorageKind.V128) {
            slots[s + 1] = high;
        }
    }

    @Override
    public int arrayLength(long ref) {
        return (int) slots[array(ref) + 1];
    }

    private int checkedArray(long ref, long index, long count) {
        int at = array(ref);
        long length = slots[at + 1];
        if (index < 0 || count < 0 || index > length - count) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_ARRAY);
        }
        return at;
    }

    /** Element {@code i}'s bits (zero-extended below 64 bits), low half for a v128. */
    private long bits(Layout l, int at, long i) {
        int e = l.elementBytes;
        int base = at + ARRAY_HEADER;
        if (e >= 8) {
            return slots[base + (int) (i * (e / 8))];
        }
        long b = i * e;
        long word = slots[base + (int) (b >>> 3)];
        return (word >>> ((b & 7) * 8)) & ((1L << (e * 8)) - 1);
    }

    private void put(Layout l, int at, long i, long value, long high) {
        int e = l.elementBytes;
        int base = at + ARRAY_HEADER;
        if (e >= 8) {
            int s = base + (int) (i * (e / 8));
            slots[s] = value;
            if (e == 16) {
                slots[s + 1] = high;
            }
            return;
        }
        long b = i * e;
        int s = base + (int) (b >>> 3);
        int shift = (int) (b & 7) * 8;
        long mask = ((1L << (e * 8)) - 1) << shift;
        slots[s] = (slots[s] & ~mask) | ((value << shift) & mask);
    }

    @Override
    public long arrayGet(long ref, long index, boolean signed) {
        int at = checkedArray(ref, index, 1);
        Layout l = layoutAt(at);
        return unpack(l.storage[0], bits(l, at, index), signed);
    }

    @Override
    public long arrayGetHigh(long ref, long index) {
        int at = checkedArray(ref, index, 1);
        return slots[at + ARRAY_HEADER + (int) (index * 2) + 1];
    }

    @Override
    public void arraySet(long ref, long index, long value, long high) {
        int at = checkedArray(ref, index, 1);
        put(layoutAt(at), at, index, value, high);
    }

    @Override
    public void arrayFill(long ref, long at, long value, long high, long length) {
        int a = checkedArray(ref, at, length);
        fill(layoutAt(a), a, at, length, value, high);
    }

    private void fill(Layout l, int a, long from, long length, long value, long high) {
        if (l.elementBytes == 8) {
            int base = a + ARRAY_HEADER + (int) from;
            Arrays.fill(slots, base, base + (int) length, value);
            return;
        }
        for (long i = from; i < from + length; i++) {
            put(l, a, i, value, high);
        }
    }

    @Override
    public void arrayCopy(long dst, long dstAt, long src, long srcAt, long length) {
        // Spec order (4.4.x array.copy): both null checks, then both bounds.
        array(dst);
        array(src);
        int d = checkedArray(dst, dstAt, length);
        int s = checkedArray(src, srcAt, length);
        Layout l = layoutAt(d);
        int e = l.elementBytes;
        if (e >= 8) {
            int w = e / 8;
            System.arraycopy(
                    slots, s + ARRAY_HEADER + (int) (srcAt * w), slots, d + ARRAY_HEADER + (int) (dstAt * w), (int)
                            (length * w));
            return;
        }
        // Packed elements: element by element, backwards when the ranges overlap that way.
        if (d == s && dstAt > srcAt) {
            for (long i = length - 1; i >= 0; i--) {
                put(l, d, dstAt + i, bits(l, s, srcAt + i), 0);
            }
        } else {
            for (long i = 0; i < length; i++) {
                put(l, d, dstAt + i, bits(l, s, srcAt + i), 0);
            }
        }
    }

    @Override
    public void arrayInitData(long ref, long at, byte[] data, long from, long length) {
        int a = checkedArray(ref, at, length);
        int e = layoutAt(a).elementBytes;
        long bytes = length * e;
        if (from < 0 || from + bytes > data.length) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY);
        }
        putBytes(a, at * e, data, (int) from, (int) bytes);
    }

    @Override
    public void arrayInitElem(long ref, long at, long[] refs, long from, long length) {
        int a = checkedArray(ref, at, length);
        if (from < 0 || from + length > refs.length) {
            throw new Trap(TrapKind.OUT_OF_BOUNDS_TABLE);
        }
        System.arraycopy(refs, (int) from, slots, a + ARRAY_HEADER + (int) at, (int) length);
    }

    /** Writes {@code count} bytes little-endian into array {@code a}'s payload from byte {@code at}. */
    private void putBytes(int a, long at, byte[] data, int from, int count) {
        int base = a + ARRAY_HEADER;
        for (int k = 0; k < count; k++) {
            long b = at + k;
            int s = base + (int) (b >>> 3);
            int shift = (int) (b & 7) * 8;
            slots[s] = (slots[s] & ~(0xFFL << shift)) | ((data[from + k] & 0xFFL) << shift);
        }
    }

    @Override
    public CanonicalType typeOf(long ref) {
        return layoutAt((int) GcRefs.objectId(ref)).type;
    }

    // ---- collection -------------------------------------------------------------------------

    @Override
    public void deferCollection(boolean defer) {
        deferred += defer ? 1 : -1;
    }

    @Override
    public void collect() {
        long start = System.nanoTime();
        mark();
        sweep();
        long live = (top - 1) - freeSlots;
        threshold = Math.max(THRESHOLD_FLOOR_SLOTS, live * THRESHOLD_FACTOR);
        allocatedSinceCollection = 0;
        collections++;
        long pause = System.nanoTime() - start;
        longestPause = Math.max(longestPause, pause);
        totalPause += pause;
    }

    private boolean isObject(int at) {
        return at > 0 && at < top && (starts[at >>> 6] & (1L << at)) != 0;
    }

    private void mark() {
        int[] depth = {0};
        roots.forEachRoot(ref -> markRoot(ref, depth));
        int sp = depth[0];
        while (sp > 0) {
            int at = markStack[--sp];
            Layout l = layoutAt(at);
            if (l.array) {
                if (l.refElements) {
                    int base = at + ARRAY_HEADER;
                    int end = base + (int) slots[at + 1];
                    for (int s = base; s < end; s++) {
                        sp = push(slots[s], sp);
                    }
                }
            } else {
                for (int off : l.refSlots) {
                    sp = push(slots[at + off], sp);
                }
            }
        }
    }

    private void markRoot(long ref, int[] depth) {
        depth[0] = push(ref, depth[0]);
    }

    /** Marks {@code ref}'s object if it is an unmarked object of this heap, and queues it for tracing. */
    private int push(long ref, int sp) {
        if (!GcRefs.isObject(ref)) {
            return sp;
        }
        long id = GcRefs.objectId(ref);
        if (id >= top || !isObject((int) id)) {
            return sp;
        }
        int at = (int) id;
        if ((slots[at] & MARK) != 0) {
            return sp;
        }
        slots[at] |= MARK;
        if (sp == markStack.length) {
            markStack = Arrays.copyOf(markStack, sp * 2);
        }
        markStack[sp] = at;
        return sp + 1;
    }

    private int sizeAt(int at) {
        long h = slots[at];
        int index = (int) (h & TYPE_MASK);
        if (index == 0) {
            return (int) ((h & ~MARK) >>> 32);
        }
        Layout l = layouts[index];
        return l.array ? (int) l.arraySlots(slots[at + 1]) : l.size;
    }

    private void sweep() {
        free.clear();
        freeSlots = 0;
        int at = 1;
        int run = -1;
        while (at < top) {
            int size = sizeAt(at);
            long h = slots[at];
            if ((h & MARK) != 0) {
                slots[at] = h & ~MARK;
                if (run >= 0) {
                    release(run, at - run);
                    run = -1;
                }
            } else if (run < 0) {
                run = at;
            }
            at += size;
        }
        if (run >= 0) {
            clearStarts(run, top - run);
            top = run;
        }
    }

    /** Makes {@code size} slots from {@code at} one free block. */
    private void release(int at, int size) {
        clearStarts(at, size);
        slots[at] = (long) size << 32;
        free.add(at, size);
        freeSlots += size;
    }

    private void clearStarts(int at, int size) {
        int end = at + size;
        int i = at;
        // Bit by bit up to a word boundary, then whole words, then the tail.
        while (i < end && (i & 63) != 0) {
            starts[i >>> 6] &= ~(1L << i);
            i++;
        }
        while (end - i >= 64) {
            starts[i >>> 6] = 0;
            i += 64;
        }
        while (i < end) {
            starts[i >>> 6] &= ~(1L << i);
            i++;
        }
    }

    @Override
    public long usedBytes() {
        return ((top - 1) - freeSlots) * 8;
    }

    @Override
    public long committedBytes() {
        return slots.length * 8L;
    }

    @Override
    public long collections() {
        return collections;
    }

    @Override
    public long longestPauseNanos() {
        return longestPause;
    }

    @Override
    public long totalPauseNanos() {
        return totalPause;
    }

    @Override
    public void close() {
        slots = new long[0];
        starts = new long[0];
        top = 1;
        free.clear();
        freeSlots = 0;
    }
}
