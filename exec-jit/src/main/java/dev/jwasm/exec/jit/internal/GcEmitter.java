package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.ACONST_NULL;
import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.DUP;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESTATIC;
import static net.bytebuddy.jar.asm.Opcodes.LASTORE;
import static net.bytebuddy.jar.asm.Opcodes.LCONST_0;
import static net.bytebuddy.jar.asm.Opcodes.NEWARRAY;
import static net.bytebuddy.jar.asm.Opcodes.T_LONG;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.exec.interp.internal.GcOps;
import dev.jwasm.spi.runtime.CanonicalType;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.StorageKind;
import java.util.function.IntPredicate;

/**
 * Emits the GC proposal's instructions ({@code GC opcode dst base immA immB}, see the
 * interpreter's GcExec): each operator is a direct {@code invokestatic} of its own method in
 * {@link GcOps}, the code the interpreter runs too, so both tiers trap alike. Operands are read
 * from the slots from {@code base} up, the result goes to {@code dst}; a v128 field or element
 * moves its high half through the slots' high locals. Allocations are safepoints: {@link GcSpill}
 * spills the frame's live references around them (FunctionCompiler does, as for calls).
 */
final class GcEmitter extends Emitter {
    static final String OPS = "dev/jwasm/exec/interp/internal/GcOps";

    private static final String I = "L" + INST + ";";

    private static final Opcode[] OPCODES = Opcode.values();

    GcEmitter(Emitter method) {
        super(method);
    }

    /** The GC operator the instruction at {@code pc} carries. */
    static Opcode operator(int[] code, int pc) {
        return OPCODES[code[pc + 1]];
    }

    /**
     * Whether the GC instruction at {@code pc} moves a v128 (a field or element of that storage):
     * its function then needs the high-half locals.
     */
    static boolean touchesV128(InstanceState inst, int[] code, int pc) {
        Opcode op = operator(code, pc);
        int a = code[pc + 4];
        int b = code[pc + 5];
        return switch (op) {
            case STRUCT_NEW, STRUCT_NEW_DESC -> anyV128(inst.canonicalTypes[a]);
            case STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U, STRUCT_SET ->
                inst.canonicalTypes[a].field(b) == StorageKind.V128;
            case ARRAY_NEW, ARRAY_NEW_FIXED, ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U, ARRAY_SET, ARRAY_FILL ->
                inst.canonicalTypes[a].field(0) == StorageKind.V128;
            default -> false;
        };
    }

    private static boolean anyV128(CanonicalType t) {
        for (int i = 0; i < t.fieldCount(); i++) {
            if (t.field(i) == StorageKind.V128) {
                return true;
            }
        }
        return false;
    }

    /** The helper {@code op} calls (JitOps's classification), or null for one that is no GC instruction. */
    static String helper(Opcode op) {
        return switch (op) {
            case REF_I31 -> "refI31";
            case I31_GET_S -> "i31GetS";
            case I31_GET_U -> "i31GetU";
            case REF_TEST, REF_TEST_NULL -> "refTest";
            case REF_CAST, REF_CAST_NULL -> "refCast";
            case REF_CAST_DESC_EQ, REF_CAST_DESC_EQ_NULL -> "refCastDescEq";
            case BR_ON_CAST_DESC_EQ -> "descTest";
            case REF_GET_DESC -> "refGetDesc";
            case STRUCT_NEW -> "structNew";
            case STRUCT_NEW_DEFAULT -> "structNewDefault";
            case STRUCT_NEW_DESC -> "structNewDesc";
            case STRUCT_NEW_DEFAULT_DESC -> "structNewDefaultDesc";
            case STRUCT_GET, STRUCT_GET_U -> "structGet";
            case STRUCT_GET_S -> "structGetS";
            case STRUCT_SET -> "structSet";
            case ARRAY_NEW -> "arrayNew";
            case ARRAY_NEW_DEFAULT -> "arrayNewDefault";
            case ARRAY_NEW_FIXED -> "arrayNewFixed";
            case ARRAY_NEW_DATA -> "arrayNewData";
            case ARRAY_NEW_ELEM -> "arrayNewElem";
            case ARRAY_GET, ARRAY_GET_U -> "arrayGet";
            case ARRAY_GET_S -> "arrayGetS";
            case ARRAY_SET -> "arraySet";
            case ARRAY_LEN -> "arrayLen";
            case ARRAY_FILL -> "arrayFill";
            case ARRAY_COPY -> "arrayCopy";
            case ARRAY_INIT_DATA -> "arrayInitData";
            case ARRAY_INIT_ELEM -> "arrayInitElem";
            default -> null;
        };
    }

    /** Emits the GC instruction at {@code pc}. */
    void gc(int pc) {
        Opcode op = operator(code, pc);
        int dst = code[pc + 2];
        int at = code[pc + 3];
        int a = code[pc + 4];
        int b = code[pc + 5];
        String name = helper(op);
        switch (op) {
            case REF_I31, I31_GET_S, I31_GET_U -> {
                loadL(at);
                call(name, "(J)J");
                storeL(dst);
            }
            case REF_TEST, REF_TEST_NULL, REF_CAST, REF_CAST_NULL -> {
                loadL(at);
                inst();
                push(a);
                push(b);
                call(name, "(J" + I + "II)J");
                storeL(dst);
            }
            case REF_CAST_DESC_EQ, REF_CAST_DESC_EQ_NULL, BR_ON_CAST_DESC_EQ -> {
                loadL(at);
                loadL(at + 1);
                inst();
                push(b);
                call(name, "(JJ" + I + "I)J");
                storeL(dst);
            }
            case REF_GET_DESC, ARRAY_LEN -> {
                loadL(at);
                inst();
                call(name, "(J" + I + ")J");
                storeL(dst);
            }
            case STRUCT_NEW, STRUCT_NEW_DESC -> {
                CanonicalType t = inst.canonicalTypes[a];
                int n = t.fieldCount();
                inst();
                push(a);
                array(at, n);
                highs(at, n, i -> t.field(i) == StorageKind.V128);
                push(0);
                if (op == Opcode.STRUCT_NEW_DESC) {
                    loadL(at + n);
                    call(name, "(" + I + "I[J[JIJ)J");
                } else {
                    call(name, "(" + I + "I[J[JI)J");
                }
                storeL(dst);
            }
            case STRUCT_NEW_DEFAULT -> {
                inst();
                push(a);
                call(name, "(" + I + "I)J");
                storeL(dst);
            }
            case STRUCT_NEW_DEFAULT_DESC -> {
                inst();
                push(a);
                loadL(at);
                call(name, "(" + I + "IJ)J");
                storeL(dst);
            }
            case STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U -> {
                if (inst.canonicalTypes[a].field(b) == StorageKind.V128) {
                    // The high half first: dst may be the reference's own slot.
                    loadL(at);
                    inst();
                    push(b);
                    call("structGetHigh", "(J" + I + "I)J");
                    storeHi(dst);
                }
                loadL(at);
                inst();
                push(b);
                call(name, "(J" + I + "I)J");
                storeL(dst);
            }
            case STRUCT_SET -> {
                loadL(at);
                loadL(at + 1);
                high(inst.canonicalTypes[a].field(b), at + 1);
                inst();
                push(b);
                call(name, "(JJJ" + I + "I)V");
            }
            case ARRAY_NEW -> {
                inst();
                push(a);
                loadL(at);
                high(inst.canonicalTypes[a].field(0), at);
                loadL(at + 1);
                call(name, "(" + I + "IJJJ)J");
                storeL(dst);
            }
            case ARRAY_NEW_DEFAULT -> {
                inst();
                push(a);
                loadL(at);
                call(name, "(" + I + "IJ)J");
                storeL(dst);
            }
            case ARRAY_NEW_FIXED -> {
                boolean wide = inst.canonicalTypes[a].field(0) == StorageKind.V128;
                inst();
                push(a);
                array(at, b);
                highs(at, b, i -> wide);
                push(0);
                push(b);
                call(name, "(" + I + "I[J[JII)J");
                storeL(dst);
            }
            case ARRAY_NEW_DATA, ARRAY_NEW_ELEM -> {
                inst();
                push(a);
                push(b);
                loadL(at);
                loadL(at + 1);
                call(name, "(" + I + "IIJJ)J");
                storeL(dst);
            }
            case ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U -> {
                if (inst.canonicalTypes[a].field(0) == StorageKind.V128) {
                    loadL(at);
                    loadL(at + 1);
                    inst();
                    call("arrayGetHigh", "(JJ" + I + ")J");
                    storeHi(dst);
                }
                loadL(at);
                loadL(at + 1);
                inst();
                call(name, "(JJ" + I + ")J");
                storeL(dst);
            }
            case ARRAY_SET -> {
                loadL(at);
                loadL(at + 1);
                loadL(at + 2);
                high(inst.canonicalTypes[a].field(0), at + 2);
                inst();
                call(name, "(JJJJ" + I + ")V");
            }
            case ARRAY_FILL -> {
                loadL(at);
                loadL(at + 1);
                loadL(at + 2);
                high(inst.canonicalTypes[a].field(0), at + 2);
                loadL(at + 3);
                inst();
                call(name, "(JJJJJ" + I + ")V");
            }
            case ARRAY_COPY -> {
                for (int i = 0; i < 5; i++) {
                    loadL(at + i);
                }
                inst();
                call(name, "(JJJJJ" + I + ")V");
            }
            case ARRAY_INIT_DATA, ARRAY_INIT_ELEM -> {
                for (int i = 0; i < 4; i++) {
                    loadL(at + i);
                }
                inst();
                push(b);
                call(name, "(JJJJ" + I + "I)V");
            }
            default -> throw new IllegalStateException("GC " + op + " passed the compilable check");
        }
    }

    private void inst() {
        mv.visitVarInsn(ALOAD, 0);
    }

    private void call(String name, String desc) {
        mv.visitMethodInsn(INVOKESTATIC, OPS, name, desc, false);
    }

    /** A v128 operand's high half, else 0 (the heap ignores it). */
    private void high(StorageKind kind, int slot) {
        if (kind == StorageKind.V128) {
            loadHi(slot);
        } else {
            mv.visitInsn(LCONST_0);
        }
    }

    /**
     * The high halves of the {@code n} values from {@code base} as a long[] when any is a v128
     * ({@code wide} says which), else null.
     */
    private void highs(int base, int n, IntPredicate wide) {
        boolean any = false;
        for (int i = 0; i < n; i++) {
            any |= wide.test(i);
        }
        if (!any) {
            mv.visitInsn(ACONST_NULL);
            return;
        }
        push(n);
        mv.visitIntInsn(NEWARRAY, T_LONG);
        for (int i = 0; i < n; i++) {
            if (wide.test(i)) {
                mv.visitInsn(DUP);
                push(i);
                loadHi(base + i);
                mv.visitInsn(LASTORE);
            }
        }
    }
}
