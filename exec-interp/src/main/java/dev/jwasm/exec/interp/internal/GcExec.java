package dev.jwasm.exec.interp.internal;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.spi.GcHeap;
import dev.jwasm.spi.GcRefs;
import dev.jwasm.spi.runtime.CanonicalType;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.StorageKind;

/**
 * The GC proposal's instructions (spec 4.4.x "Aggregate reference instructions" and "Reference
 * instructions"), reached from one case of the dispatch loop. Layout: {@code GC opcodeOrdinal dst
 * base immA immB}: operands in consecutive slots from {@code base}, the result (if any) to {@code
 * dst}. {@code immA} is the type index (or a cast's heap type, see {@link #heapCode}) and {@code
 * immB} a field, length, segment, second type or cast flags, as each case says.
 *
 * <p>Allocating instructions may collect: their operands are still in the frame's slots while the
 * heap runs, and the lowering recorded the frame's reference slots for this instruction's end
 * ({@link GcMaps}), which {@link Machine#forEachRoot} reads.
 */
final class GcExec {
    private GcExec() {}

    static final int LENGTH = 6;

    /** Cast flags in immB: the target type is nullable, exact (custom descriptors), the test negated. */
    static final int NULLABLE = 1;

    static final int EXACT = 2;
    static final int NEGATE = 4;

    private static final Opcode[] OPS = Opcode.values();

    /** A cast's heap type as an immediate: a type index, or minus an abstract type's code. */
    static int heapCode(HeapType type) {
        return switch (type) {
            case HeapType.Concrete c -> c.typeIndex();
            case HeapType.Abstract a -> -a.code();
        };
    }

    /** Runs the GC instruction at {@code pc}. */
    static void execute(Machine machine, int[] code, int pc, long[] s, int fp, InstanceState inst) {
        Opcode op = OPS[code[pc + 1]];
        int dst = fp + code[pc + 2];
        int at = fp + code[pc + 3];
        int a = code[pc + 4];
        int b = code[pc + 5];
        switch (op) {
            case REF_I31 -> s[dst] = GcRefs.i31((int) s[at]);
            case I31_GET_S -> s[dst] = GcRefs.i31Signed(i31(s[at]));
            case I31_GET_U -> s[dst] = GcRefs.i31Unsigned(i31(s[at]));
            case REF_TEST, REF_TEST_NULL -> s[dst] = test(s[at], a, b, inst) != ((b & NEGATE) != 0) ? 1 : 0;
            case REF_CAST, REF_CAST_NULL -> {
                if (!test(s[at], a, b, inst)) {
                    throw new Trap(TrapKind.CAST_FAILURE);
                }
                s[dst] = s[at];
            }
            case REF_CAST_DESC_EQ, REF_CAST_DESC_EQ_NULL -> {
                if (!descriptorTest(s[at], s[at + 1], b, inst)) {
                    throw new Trap(TrapKind.DESCRIPTOR_CAST_FAILURE);
                }
                s[dst] = s[at];
            }
            // The test br_on_cast_desc_eq(_fail) branches on (see Lowering.visitBrOnCast).
            case BR_ON_CAST_DESC_EQ ->
                s[dst] = descriptorTest(s[at], s[at + 1], b, inst) != ((b & NEGATE) != 0) ? 1 : 0;
            case REF_GET_DESC -> {
                if (s[at] == 0) {
                    throw new Trap(TrapKind.NULL_REFERENCE);
                }
                s[dst] = inst.store.gcHeap().descriptor(s[at]);
            }
            default -> heapOp(op, machine, code, pc, s, fp, dst, at, a, b, inst);
        }
    }

    private static long i31(long ref) {
        if (ref == 0) {
            throw new Trap(TrapKind.NULL_I31_REFERENCE);
        }
        return ref;
    }

    private static long u32(long v) {
        return v & 0xFFFF_FFFFL;
    }

    private static void heapOp(
            Opcode op,
            Machine machine,
            int[] code,
            int pc,
            long[] s,
            int fp,
            int dst,
            int at,
            int a,
            int b,
            InstanceState inst) {
        GcHeap heap = inst.store.gcHeap();
        CanonicalType type = op == Opcode.ARRAY_LEN ? null : inst.canonicalTypes[a];
        switch (op) {
            case STRUCT_NEW, STRUCT_NEW_DEFAULT, STRUCT_NEW_DESC, STRUCT_NEW_DEFAULT_DESC -> {
                machine.atSafepoint(code, pc + LENGTH, fp, inst);
                s[dst] = switch (op) {
                    case STRUCT_NEW -> heap.structNew(type, s, highs(machine, type), at);
                    case STRUCT_NEW_DEFAULT -> heap.structNewDefault(type);
                    case STRUCT_NEW_DESC ->
                        heap.structNewDesc(type, s, highs(machine, type), at, descriptor(s[at + type.fieldCount()]));
                    default -> heap.structNewDesc(type, new long[type.fieldCount()], null, 0, descriptor(s[at]));
                };
            }
            case STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U -> {
                long ref = s[at];
                s[dst] = heap.structGet(ref, b, op == Opcode.STRUCT_GET_S);
                if (type.field(b) == StorageKind.V128) {
                    machine.highStack()[dst] = heap.structGetHigh(ref, b);
                }
            }
            case STRUCT_SET -> heap.structSet(s[at], b, s[at + 1], high(machine, type.field(b), at + 1));
            case ARRAY_NEW -> {
                machine.atSafepoint(code, pc + LENGTH, fp, inst);
                s[dst] = heap.arrayNew(type, u32(s[at + 1]), s[at], high(machine, type.field(0), at));
            }
            case ARRAY_NEW_DEFAULT -> {
                machine.atSafepoint(code, pc + LENGTH, fp, inst);
                s[dst] = heap.arrayNewDefault(type, u32(s[at]));
            }
            case ARRAY_NEW_FIXED -> {
                machine.atSafepoint(code, pc + LENGTH, fp, inst);
                s[dst] = heap.arrayNewFixed(
                        type, s, type.field(0) == StorageKind.V128 ? machine.highStack() : null, at, b);
            }
            case ARRAY_NEW_DATA -> {
                machine.atSafepoint(code, pc + LENGTH, fp, inst);
                s[dst] = heap.arrayNewData(type, inst.datas[b].bytes(), u32(s[at]), u32(s[at + 1]));
            }
            case ARRAY_NEW_ELEM -> {
                machine.atSafepoint(code, pc + LENGTH, fp, inst);
                s[dst] = heap.arrayNewElem(type, inst.elements[b].refs(), u32(s[at]), u32(s[at + 1]));
            }
            case ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U -> {
                long ref = s[at];
                long index = u32(s[at + 1]);
                s[dst] = heap.arrayGet(ref, index, op == Opcode.ARRAY_GET_S);
                if (type.field(0) == StorageKind.V128) {
                    machine.highStack()[dst] = heap.arrayGetHigh(ref, index);
                }
            }
            case ARRAY_SET -> heap.arraySet(s[at], u32(s[at + 1]), s[at + 2], high(machine, type.field(0), at + 2));
            case ARRAY_LEN -> s[dst] = heap.arrayLength(s[at]);
            case ARRAY_FILL ->
                heap.arrayFill(s[at], u32(s[at + 1]), s[at + 2], high(machine, type.field(0), at + 2), u32(s[at + 3]));
            case ARRAY_COPY -> heap.arrayCopy(s[at], u32(s[at + 1]), s[at + 2], u32(s[at + 3]), u32(s[at + 4]));
            case ARRAY_INIT_DATA ->
                heap.arrayInitData(s[at], u32(s[at + 1]), inst.datas[b].bytes(), u32(s[at + 2]), u32(s[at + 3]));
            case ARRAY_INIT_ELEM ->
                heap.arrayInitElem(s[at], u32(s[at + 1]), inst.elements[b].refs(), u32(s[at + 2]), u32(s[at + 3]));
            default -> throw new IllegalStateException("not a GC instruction: " + op);
        }
    }

    private static long descriptor(long ref) {
        if (ref == 0) {
            throw new Trap(TrapKind.NULL_DESCRIPTOR_REFERENCE);
        }
        return ref;
    }

    private static long[] highs(Machine machine, CanonicalType struct) {
        for (int i = 0; i < struct.fieldCount(); i++) {
            if (struct.field(i) == StorageKind.V128) {
                return machine.highStack();
            }
        }
        return null;
    }

    private static long high(Machine machine, StorageKind kind, int slot) {
        return kind == StorageKind.V128 ? machine.highStack()[slot] : 0;
    }

    /**
     * The custom descriptors proposal's descriptor cast: a null descriptor traps; a null
     * reference passes when the target is nullable; any other passes when it is a struct made with
     * that very descriptor (which implies its type).
     */
    private static boolean descriptorTest(long ref, long descriptor, int flags, InstanceState inst) {
        if (descriptor == 0) {
            throw new Trap(TrapKind.NULL_DESCRIPTOR_REFERENCE);
        }
        if (ref == 0) {
            return (flags & NULLABLE) != 0;
        }
        if (!GcRefs.isObject(ref)) {
            return false;
        }
        GcHeap heap = inst.store.gcHeap();
        return heap.typeOf(ref).hasDescriptor() && heap.descriptor(ref) == descriptor;
    }

    /**
     * Whether {@code ref} is in the reference type {@code heap}/{@code flags} (spec 4.4.x
     * {@code ref.test}): O(1) for abstract types, a display lookup for defined ones ({@link
     * CanonicalType#isSubtypeOf}). The validator proved the value is in the target's hierarchy.
     */
    static boolean test(long ref, int heap, int flags, InstanceState inst) {
        if (ref == 0) {
            return (flags & NULLABLE) != 0;
        }
        if (heap >= 0) {
            CanonicalType target = inst.canonicalTypes[heap];
            CanonicalType actual;
            if (GcRefs.isObject(ref)) {
                actual = inst.store.gcHeap().typeOf(ref);
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
            case STRUCT ->
                GcRefs.isObject(ref) && inst.store.gcHeap().typeOf(ref).kind() == HeapType.Abstract.STRUCT;
            case ARRAY ->
                GcRefs.isObject(ref) && inst.store.gcHeap().typeOf(ref).kind() == HeapType.Abstract.ARRAY;
            case NONE, NOFUNC, NOEXTERN, NOEXN -> false;
        };
    }
}
