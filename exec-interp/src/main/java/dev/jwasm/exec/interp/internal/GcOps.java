package dev.jwasm.exec.interp.internal;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.spi.GcHeap;
import dev.jwasm.spi.GcRefs;
import dev.jwasm.spi.runtime.CanonicalType;
import dev.jwasm.spi.runtime.InstanceState;

/**
 * The semantics of each GC instruction (spec 4.4.x "Aggregate reference instructions" and
 * "Reference instructions") on raw values, one static method per operator, shared by both tiers:
 * the interpreter's {@link GcExec} reads the operands from its frame and calls these, the JIT
 * calls them directly from compiled code. Types, fields and segments are the instruction's
 * immediates (a type index into the instance's canonical types); indexes and lengths are i32
 * operands, taken as unsigned here. Traps and their messages are the heap's and these methods'.
 *
 * <p>The allocating methods may collect: the caller must have made every live reference visible
 * to the collector first (the interpreter's frame, or compiled code's spill to the root stack).
 */
public final class GcOps {
    private GcOps() {}

    /** Cast flags: the target type is nullable, exact (custom descriptors), the test negated. */
    public static final int NULLABLE = 1;

    public static final int EXACT = 2;
    public static final int NEGATE = 4;

    /** Whether {@code op} allocates, so may collect: its end is a safepoint with a reference map. */
    public static boolean allocates(Opcode op) {
        return switch (op) {
            case STRUCT_NEW,
                    STRUCT_NEW_DEFAULT,
                    STRUCT_NEW_DESC,
                    STRUCT_NEW_DEFAULT_DESC,
                    ARRAY_NEW,
                    ARRAY_NEW_DEFAULT,
                    ARRAY_NEW_FIXED,
                    ARRAY_NEW_DATA,
                    ARRAY_NEW_ELEM -> true;
            default -> false;
        };
    }

    private static long u32(long v) {
        return v & 0xFFFF_FFFFL;
    }

    private static GcHeap heap(InstanceState inst) {
        return inst.store.gcHeap();
    }

    // ---- i31 and casts

    /** {@code ref.i31}: the low 31 bits, inline. */
    public static long refI31(long value) {
        return GcRefs.i31((int) value);
    }

    public static long i31GetS(long ref) {
        return GcRefs.i31Signed(i31(ref));
    }

    public static long i31GetU(long ref) {
        return GcRefs.i31Unsigned(i31(ref));
    }

    private static long i31(long ref) {
        if (ref == 0) {
            throw new Trap(TrapKind.NULL_I31_REFERENCE);
        }
        return ref;
    }

    /** {@code ref.test} (and the test br_on_cast branches on): 1 when it passes, negated by flags. */
    public static long refTest(long ref, InstanceState inst, int heapType, int flags) {
        return test(ref, heapType, flags, inst) != ((flags & NEGATE) != 0) ? 1 : 0;
    }

    /** {@code ref.cast}: the reference, or the cast-failure trap. */
    public static long refCast(long ref, InstanceState inst, int heapType, int flags) {
        if (!test(ref, heapType, flags, inst)) {
            throw new Trap(TrapKind.CAST_FAILURE);
        }
        return ref;
    }

    /** {@code ref.cast_desc_eq}: the reference, or the descriptor-cast-failure trap. */
    public static long refCastDescEq(long ref, long descriptor, InstanceState inst, int flags) {
        if (!descriptorTest(ref, descriptor, flags, inst)) {
            throw new Trap(TrapKind.DESCRIPTOR_CAST_FAILURE);
        }
        return ref;
    }

    /** The test br_on_cast_desc_eq(_fail) branches on: 1 when it passes, negated by flags. */
    public static long descTest(long ref, long descriptor, InstanceState inst, int flags) {
        return descriptorTest(ref, descriptor, flags, inst) != ((flags & NEGATE) != 0) ? 1 : 0;
    }

    /** {@code ref.get_desc}. */
    public static long refGetDesc(long ref, InstanceState inst) {
        if (ref == 0) {
            throw new Trap(TrapKind.NULL_REFERENCE);
        }
        return heap(inst).descriptor(ref);
    }

    /**
     * The custom descriptors proposal's descriptor cast: a null descriptor traps; a null
     * reference passes when the target is nullable; any other passes when it is a struct made with
     * that very descriptor (which implies its type).
     */
    static boolean descriptorTest(long ref, long descriptor, int flags, InstanceState inst) {
        if (descriptor == 0) {
            throw new Trap(TrapKind.NULL_DESCRIPTOR_REFERENCE);
        }
        if (ref == 0) {
            return (flags & NULLABLE) != 0;
        }
        if (!GcRefs.isObject(ref)) {
            return false;
        }
        GcHeap heap = heap(inst);
        return heap.typeOf(ref).hasDescriptor() && heap.descriptor(ref) == descriptor;
    }

    /**
     * Whether {@code ref} is in the reference type {@code heap}/{@code flags} (spec 4.4.x
     * {@code ref.test}): O(1) for abstract types, a display lookup for defined ones ({@link
     * CanonicalType#isSubtypeOf}). The validator proved the value is in the target's hierarchy.
     * {@code heap} is a type index, or minus an abstract type's code.
     */
    static boolean test(long ref, int heap, int flags, InstanceState inst) {
        if (ref == 0) {
            return (flags & NULLABLE) != 0;
        }
        if (heap >= 0) {
            CanonicalType target = inst.canonicalTypes[heap];
            CanonicalType actual;
            if (GcRefs.isObject(ref)) {
                actual = heap(inst).typeOf(ref);
            } else if (target.kind() == HeapType.Abstract.FUNC && ref >>> 59 == 0) {
                actual = inst.store.function(ref).canonicalType();
            } else {
                return false;
            }
            return (flags & EXACT) != 0 ? actual == target : actual.isSubtypeOf(target);
        }
        return switch (HeapType.Abstract.fromCode(-heap)) {
            case ANY, FUNC, EXTERN, EXN -> true;
            case EQ -> GcRefs.isObject(ref) || GcRefs.isI31(ref);
            case I31 -> GcRefs.isI31(ref);
            case STRUCT -> GcRefs.isObject(ref) && heap(inst).typeOf(ref).kind() == HeapType.Abstract.STRUCT;
            case ARRAY -> GcRefs.isObject(ref) && heap(inst).typeOf(ref).kind() == HeapType.Abstract.ARRAY;
            case NONE, NOFUNC, NOEXTERN, NOEXN -> false;
        };
    }

    // ---- structs

    /** {@code struct.new}: the fields in {@code values[from...]}, v128 high halves in {@code highs} (or null). */
    public static long structNew(InstanceState inst, int type, long[] values, long[] highs, int from) {
        return heap(inst).structNew(inst.canonicalTypes[type], values, highs, from);
    }

    public static long structNewDefault(InstanceState inst, int type) {
        return heap(inst).structNewDefault(inst.canonicalTypes[type]);
    }

    /** {@code struct.new_desc}: as structNew, with the descriptor (null traps). */
    public static long structNewDesc(
            InstanceState inst, int type, long[] values, long[] highs, int from, long descriptor) {
        return heap(inst).structNewDesc(inst.canonicalTypes[type], values, highs, from, descriptor(descriptor));
    }

    public static long structNewDefaultDesc(InstanceState inst, int type, long descriptor) {
        CanonicalType t = inst.canonicalTypes[type];
        return heap(inst).structNewDesc(t, new long[t.fieldCount()], null, 0, descriptor(descriptor));
    }

    private static long descriptor(long ref) {
        if (ref == 0) {
            throw new Trap(TrapKind.NULL_DESCRIPTOR_REFERENCE);
        }
        return ref;
    }

    /** {@code struct.get} and {@code struct.get_u} (a packed field zero-extended). */
    public static long structGet(long ref, InstanceState inst, int field) {
        return heap(inst).structGet(ref, field, false);
    }

    public static long structGetS(long ref, InstanceState inst, int field) {
        return heap(inst).structGet(ref, field, true);
    }

    /** The high half of a v128 field. */
    public static long structGetHigh(long ref, InstanceState inst, int field) {
        return heap(inst).structGetHigh(ref, field);
    }

    public static void structSet(long ref, long value, long high, InstanceState inst, int field) {
        heap(inst).structSet(ref, field, value, high);
    }

    // ---- arrays

    public static long arrayNew(InstanceState inst, int type, long value, long high, long length) {
        return heap(inst).arrayNew(inst.canonicalTypes[type], u32(length), value, high);
    }

    public static long arrayNewDefault(InstanceState inst, int type, long length) {
        return heap(inst).arrayNewDefault(inst.canonicalTypes[type], u32(length));
    }

    /** {@code array.new_fixed}: {@code length} elements from {@code values[from...]}. */
    public static long arrayNewFixed(InstanceState inst, int type, long[] values, long[] highs, int from, int length) {
        return heap(inst).arrayNewFixed(inst.canonicalTypes[type], values, highs, from, length);
    }

    public static long arrayNewData(InstanceState inst, int type, int segment, long offset, long length) {
        return heap(inst)
                .arrayNewData(inst.canonicalTypes[type], inst.datas[segment].bytes(), u32(offset), u32(length));
    }

    public static long arrayNewElem(InstanceState inst, int type, int segment, long offset, long length) {
        return heap(inst)
                .arrayNewElem(inst.canonicalTypes[type], inst.elements[segment].refs(), u32(offset), u32(length));
    }

    /** {@code array.get} and {@code array.get_u}. */
    public static long arrayGet(long ref, long index, InstanceState inst) {
        return heap(inst).arrayGet(ref, u32(index), false);
    }

    public static long arrayGetS(long ref, long index, InstanceState inst) {
        return heap(inst).arrayGet(ref, u32(index), true);
    }

    public static long arrayGetHigh(long ref, long index, InstanceState inst) {
        return heap(inst).arrayGetHigh(ref, u32(index));
    }

    public static void arraySet(long ref, long index, long value, long high, InstanceState inst) {
        heap(inst).arraySet(ref, u32(index), value, high);
    }

    public static long arrayLen(long ref, InstanceState inst) {
        return heap(inst).arrayLength(ref);
    }

    public static void arrayFill(long ref, long at, long value, long high, long length, InstanceState inst) {
        heap(inst).arrayFill(ref, u32(at), value, high, u32(length));
    }

    public static void arrayCopy(long dst, long dstAt, long src, long srcAt, long length, InstanceState inst) {
        heap(inst).arrayCopy(dst, u32(dstAt), src, u32(srcAt), u32(length));
    }

    public static void arrayInitData(long ref, long at, long from, long length, InstanceState inst, int segment) {
        heap(inst).arrayInitData(ref, u32(at), inst.datas[segment].bytes(), u32(from), u32(length));
    }

    public static void arrayInitElem(long ref, long at, long from, long length, InstanceState inst, int segment) {
        heap(inst).arrayInitElem(ref, u32(at), inst.elements[segment].refs(), u32(from), u32(length));
    }
}
