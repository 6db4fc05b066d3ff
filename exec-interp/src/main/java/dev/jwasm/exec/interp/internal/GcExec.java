package dev.jwasm.exec.interp.internal;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.HeapType;
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
    static final int NULLABLE = GcOps.NULLABLE;

    static final int EXACT = GcOps.EXACT;
    static final int NEGATE = GcOps.NEGATE;

    private static final Opcode[] OPS = Opcode.values();

    /** A cast's heap type as an immediate: a type index, or minus an abstract type's code. */
    static int heapCode(HeapType type) {
        return switch (type) {
            case HeapType.Concrete c -> c.typeIndex();
            case HeapType.Abstract a -> -a.code();
        };
    }

    /** Runs the GC instruction at {@code pc}: its operands from the frame, its semantics from {@link GcOps}. */
    static void execute(Machine machine, int[] code, int pc, long[] s, int fp, InstanceState inst) {
        Opcode op = OPS[code[pc + 1]];
        int dst = fp + code[pc + 2];
        int at = fp + code[pc + 3];
        int a = code[pc + 4];
        int b = code[pc + 5];
        switch (op) {
            case REF_I31 -> s[dst] = GcOps.refI31(s[at]);
            case I31_GET_S -> s[dst] = GcOps.i31GetS(s[at]);
            case I31_GET_U -> s[dst] = GcOps.i31GetU(s[at]);
            case REF_TEST, REF_TEST_NULL -> s[dst] = GcOps.refTest(s[at], inst, a, b);
            case REF_CAST, REF_CAST_NULL -> s[dst] = GcOps.refCast(s[at], inst, a, b);
            case REF_CAST_DESC_EQ, REF_CAST_DESC_EQ_NULL -> s[dst] = GcOps.refCastDescEq(s[at], s[at + 1], inst, b);
            // The test br_on_cast_desc_eq(_fail) branches on (see Lowering.visitBrOnCast).
            case BR_ON_CAST_DESC_EQ -> s[dst] = GcOps.descTest(s[at], s[at + 1], inst, b);
            case REF_GET_DESC -> s[dst] = GcOps.refGetDesc(s[at], inst);
            default -> heapOp(op, machine, code, pc, s, fp, dst, at, a, b, inst);
        }
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
        if (GcOps.allocates(op)) {
            machine.atSafepoint(code, pc + LENGTH, fp, inst);
        }
        CanonicalType type = op == Opcode.ARRAY_LEN ? null : inst.canonicalTypes[a];
        switch (op) {
            case STRUCT_NEW -> s[dst] = GcOps.structNew(inst, a, s, highs(machine, type), at);
            case STRUCT_NEW_DEFAULT -> s[dst] = GcOps.structNewDefault(inst, a);
            case STRUCT_NEW_DESC ->
                s[dst] = GcOps.structNewDesc(inst, a, s, highs(machine, type), at, s[at + type.fieldCount()]);
            case STRUCT_NEW_DEFAULT_DESC -> s[dst] = GcOps.structNewDefaultDesc(inst, a, s[at]);
            case STRUCT_GET, STRUCT_GET_U, STRUCT_GET_S -> {
                long ref = s[at];
                s[dst] = op == Opcode.STRUCT_GET_S ? GcOps.structGetS(ref, inst, b) : GcOps.structGet(ref, inst, b);
                if (type.field(b) == StorageKind.V128) {
                    machine.highStack()[dst] = GcOps.structGetHigh(ref, inst, b);
                }
            }
            case STRUCT_SET -> GcOps.structSet(s[at], s[at + 1], high(machine, type.field(b), at + 1), inst, b);
            case ARRAY_NEW -> s[dst] = GcOps.arrayNew(inst, a, s[at], high(machine, type.field(0), at), s[at + 1]);
            case ARRAY_NEW_DEFAULT -> s[dst] = GcOps.arrayNewDefault(inst, a, s[at]);
            case ARRAY_NEW_FIXED ->
                s[dst] = GcOps.arrayNewFixed(
                        inst, a, s, type.field(0) == StorageKind.V128 ? machine.highStack() : null, at, b);
            case ARRAY_NEW_DATA -> s[dst] = GcOps.arrayNewData(inst, a, b, s[at], s[at + 1]);
            case ARRAY_NEW_ELEM -> s[dst] = GcOps.arrayNewElem(inst, a, b, s[at], s[at + 1]);
            case ARRAY_GET, ARRAY_GET_U, ARRAY_GET_S -> {
                long ref = s[at];
                long index = s[at + 1];
                s[dst] =
                        op == Opcode.ARRAY_GET_S ? GcOps.arrayGetS(ref, index, inst) : GcOps.arrayGet(ref, index, inst);
                if (type.field(0) == StorageKind.V128) {
                    machine.highStack()[dst] = GcOps.arrayGetHigh(ref, index, inst);
                }
            }
            case ARRAY_SET -> GcOps.arraySet(s[at], s[at + 1], s[at + 2], high(machine, type.field(0), at + 2), inst);
            case ARRAY_LEN -> s[dst] = GcOps.arrayLen(s[at], inst);
            case ARRAY_FILL ->
                GcOps.arrayFill(s[at], s[at + 1], s[at + 2], high(machine, type.field(0), at + 2), s[at + 3], inst);
            case ARRAY_COPY -> GcOps.arrayCopy(s[at], s[at + 1], s[at + 2], s[at + 3], s[at + 4], inst);
            case ARRAY_INIT_DATA -> GcOps.arrayInitData(s[at], s[at + 1], s[at + 2], s[at + 3], inst, b);
            case ARRAY_INIT_ELEM -> GcOps.arrayInitElem(s[at], s[at + 1], s[at + 2], s[at + 3], inst, b);
            default -> throw new IllegalStateException("not a GC instruction: " + op);
        }
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
}
