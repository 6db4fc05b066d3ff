package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.DADD;
import static net.bytebuddy.jar.asm.Opcodes.DCMPG;
import static net.bytebuddy.jar.asm.Opcodes.DCMPL;
import static net.bytebuddy.jar.asm.Opcodes.DDIV;
import static net.bytebuddy.jar.asm.Opcodes.DMUL;
import static net.bytebuddy.jar.asm.Opcodes.DSUB;
import static net.bytebuddy.jar.asm.Opcodes.DUP2_X2;
import static net.bytebuddy.jar.asm.Opcodes.FADD;
import static net.bytebuddy.jar.asm.Opcodes.FCMPG;
import static net.bytebuddy.jar.asm.Opcodes.FCMPL;
import static net.bytebuddy.jar.asm.Opcodes.FDIV;
import static net.bytebuddy.jar.asm.Opcodes.FMUL;
import static net.bytebuddy.jar.asm.Opcodes.FSUB;
import static net.bytebuddy.jar.asm.Opcodes.GOTO;
import static net.bytebuddy.jar.asm.Opcodes.I2B;
import static net.bytebuddy.jar.asm.Opcodes.I2D;
import static net.bytebuddy.jar.asm.Opcodes.I2F;
import static net.bytebuddy.jar.asm.Opcodes.I2L;
import static net.bytebuddy.jar.asm.Opcodes.I2S;
import static net.bytebuddy.jar.asm.Opcodes.IADD;
import static net.bytebuddy.jar.asm.Opcodes.IAND;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_0;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_1;
import static net.bytebuddy.jar.asm.Opcodes.IFEQ;
import static net.bytebuddy.jar.asm.Opcodes.IFGE;
import static net.bytebuddy.jar.asm.Opcodes.IFGT;
import static net.bytebuddy.jar.asm.Opcodes.IFLE;
import static net.bytebuddy.jar.asm.Opcodes.IFLT;
import static net.bytebuddy.jar.asm.Opcodes.IFNE;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPEQ;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPGE;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPGT;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPLE;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPLT;
import static net.bytebuddy.jar.asm.Opcodes.IF_ICMPNE;
import static net.bytebuddy.jar.asm.Opcodes.IMUL;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESTATIC;
import static net.bytebuddy.jar.asm.Opcodes.IOR;
import static net.bytebuddy.jar.asm.Opcodes.ISHL;
import static net.bytebuddy.jar.asm.Opcodes.ISHR;
import static net.bytebuddy.jar.asm.Opcodes.ISUB;
import static net.bytebuddy.jar.asm.Opcodes.IUSHR;
import static net.bytebuddy.jar.asm.Opcodes.IXOR;
import static net.bytebuddy.jar.asm.Opcodes.L2D;
import static net.bytebuddy.jar.asm.Opcodes.L2F;
import static net.bytebuddy.jar.asm.Opcodes.L2I;
import static net.bytebuddy.jar.asm.Opcodes.LADD;
import static net.bytebuddy.jar.asm.Opcodes.LAND;
import static net.bytebuddy.jar.asm.Opcodes.LCMP;
import static net.bytebuddy.jar.asm.Opcodes.LCONST_0;
import static net.bytebuddy.jar.asm.Opcodes.LMUL;
import static net.bytebuddy.jar.asm.Opcodes.LOR;
import static net.bytebuddy.jar.asm.Opcodes.LSHL;
import static net.bytebuddy.jar.asm.Opcodes.LSHR;
import static net.bytebuddy.jar.asm.Opcodes.LSUB;
import static net.bytebuddy.jar.asm.Opcodes.LUSHR;
import static net.bytebuddy.jar.asm.Opcodes.LXOR;
import static net.bytebuddy.jar.asm.Opcodes.POP2;
import static net.bytebuddy.jar.asm.Opcodes.SWAP;

import dev.jwasm.api.code.Opcode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * How the JIT runs each scalar Wasm operator (numeric, comparison, conversion, reference test):
 * a few JVM instructions, or a direct {@code invokestatic} of that operator's own helper in
 * {@code dev.jwasm.api.numeric} (the interpreter's {@code NumericOps} calls the very same
 * helpers, so both tiers share the semantics, traps included). Known at compile time from the IR
 * (a specific IR operation's {@code wasm()}, or a generic one's opcode operand): no operator is
 * chosen by a switch at run time.
 *
 * <p>Each entry's {@link Op#desc} gives the JVM types the operands are loaded as and the result
 * is stored as ({@code I} i32 or f32 bits, {@code J} i64, f64 bits or a reference, {@code F}
 * float, {@code D} double).
 */
final class Numerics {
    private static final String INT_OPS = "dev/jwasm/api/numeric/IntOps";
    private static final String FLOAT_OPS = "dev/jwasm/api/numeric/FloatOps";
    private static final String CONV = "dev/jwasm/api/numeric/Conversions";

    /**
     * One step of an operator's code: a JVM instruction without operands, a constant pushed with
     * {@code ldc}, or a static call (of a JDK intrinsic or of jwasm's own helper).
     */
    sealed interface Step {
        void emit(MethodVisitor mv);
    }

    record Insn(int opcode) implements Step {
        @Override
        public void emit(MethodVisitor mv) {
            mv.visitInsn(opcode);
        }
    }

    record Push(Object constant) implements Step {
        @Override
        public void emit(MethodVisitor mv) {
            mv.visitLdcInsn(constant);
        }
    }

    record Call(String owner, String name, String desc) implements Step {
        @Override
        public void emit(MethodVisitor mv) {
            mv.visitMethodInsn(INVOKESTATIC, owner, name, desc, false);
        }

        /** Whether it calls a helper of jwasm's own (rather than a JDK intrinsic). */
        boolean helper() {
            return owner.startsWith("dev/jwasm/");
        }
    }

    /**
     * One operator: its steps, then, for a comparison ({@code jump} not 0), the conditional
     * jump that turns the int on the stack into 0 or 1.
     */
    record Op(Opcode wasm, String desc, List<Step> code, int jump) {
        /**
         * The helper of jwasm's own it calls, as {@code owner.name}, or null if it is JVM
         * instructions and JDK intrinsics only.
         */
        String helper() {
            for (Step s : code) {
                if (s instanceof Call c && c.helper()) {
                    return c.owner() + "." + c.name();
                }
            }
            return null;
        }

        char result() {
            return desc.charAt(desc.length() - 1);
        }

        String params() {
            return desc.substring(1, desc.indexOf(')'));
        }

        /** For a comparison: jumps to {@code target} when it holds, instead of leaving 0 or 1. */
        void emitJump(MethodVisitor mv, Label target) {
            if (jump == 0) {
                throw new IllegalStateException(wasm + " is no comparison");
            }
            code.forEach(s -> s.emit(mv));
            mv.visitJumpInsn(jump, target);
        }

        void emit(MethodVisitor mv) {
            code.forEach(s -> s.emit(mv));
            if (jump != 0) {
                Label yes = new Label();
                Label done = new Label();
                mv.visitJumpInsn(jump, yes);
                mv.visitInsn(ICONST_0);
                mv.visitJumpInsn(GOTO, done);
                mv.visitLabel(yes);
                mv.visitInsn(ICONST_1);
                mv.visitLabel(done);
            }
        }
    }

    private static final Map<Opcode, Op> TABLE = table();

    private Numerics() {}

    /** The way {@code op} is compiled, or null if this table does not cover it. */
    static Op of(Opcode op) {
        return TABLE.get(op);
    }

    /**
     * Whether {@code op} is a rotate, which {@link Emitter#numeric} emits as the shift pair C2
     * turns into one rotate instruction rather than as its entry here, a call of {@code
     * Integer}/{@code Long.rotateLeft}: the same code, but a call C2 must inline, and in a big
     * function, once the memory accesses' force-inlined FFM code has used up its inlining budget
     * (DesiredMethodLimit, NodeCountInliningCutoff), it stays a call.
     */
    static boolean isRotate(Opcode op) {
        return switch (op) {
            case I32_ROTL, I32_ROTR, I64_ROTL, I64_ROTR -> true;
            default -> false;
        };
    }

    private static Map<Opcode, Op> table() {
        var t = new EnumMap<Opcode, Op>(Opcode.class);
        // i32 (spec 4.3.2): JVM int arithmetic wraps and masks shift counts as Wasm does.
        insn(t, Opcode.I32_ADD, "(II)I", IADD);
        insn(t, Opcode.I32_SUB, "(II)I", ISUB);
        insn(t, Opcode.I32_MUL, "(II)I", IMUL);
        insn(t, Opcode.I32_AND, "(II)I", IAND);
        insn(t, Opcode.I32_OR, "(II)I", IOR);
        insn(t, Opcode.I32_XOR, "(II)I", IXOR);
        insn(t, Opcode.I32_SHL, "(II)I", ISHL);
        insn(t, Opcode.I32_SHR_S, "(II)I", ISHR);
        insn(t, Opcode.I32_SHR_U, "(II)I", IUSHR);
        call(t, Opcode.I32_DIV_S, "(II)I", INT_OPS, "i32DivS");
        call(t, Opcode.I32_DIV_U, "(II)I", INT_OPS, "i32DivU");
        call(t, Opcode.I32_REM_S, "(II)I", INT_OPS, "i32RemS");
        call(t, Opcode.I32_REM_U, "(II)I", INT_OPS, "i32RemU");
        jdk(t, Opcode.I32_ROTL, "(II)I", "java/lang/Integer", "rotateLeft", "(II)I");
        jdk(t, Opcode.I32_ROTR, "(II)I", "java/lang/Integer", "rotateRight", "(II)I");
        // Bit counts are the JDK's intrinsics, called directly: C2 expands an intrinsic whatever
        // its inlining budget, which a helper around it must fit in.
        jdk(t, Opcode.I32_CLZ, "(I)I", "java/lang/Integer", "numberOfLeadingZeros", "(I)I");
        jdk(t, Opcode.I32_CTZ, "(I)I", "java/lang/Integer", "numberOfTrailingZeros", "(I)I");
        jdk(t, Opcode.I32_POPCNT, "(I)I", "java/lang/Integer", "bitCount", "(I)I");
        insn(t, Opcode.I32_EXTEND8_S, "(I)I", I2B);
        insn(t, Opcode.I32_EXTEND16_S, "(I)I", I2S);
        test(t, Opcode.I32_EQZ, "(I)I", IFEQ);
        test(t, Opcode.I32_EQ, "(II)I", IF_ICMPEQ);
        test(t, Opcode.I32_NE, "(II)I", IF_ICMPNE);
        test(t, Opcode.I32_LT_S, "(II)I", IF_ICMPLT);
        test(t, Opcode.I32_GT_S, "(II)I", IF_ICMPGT);
        test(t, Opcode.I32_LE_S, "(II)I", IF_ICMPLE);
        test(t, Opcode.I32_GE_S, "(II)I", IF_ICMPGE);
        unsignedCompare(t, Opcode.I32_LT_U, "(II)I", IFLT);
        unsignedCompare(t, Opcode.I32_GT_U, "(II)I", IFGT);
        unsignedCompare(t, Opcode.I32_LE_U, "(II)I", IFLE);
        unsignedCompare(t, Opcode.I32_GE_U, "(II)I", IFGE);
        // i64: shift counts are the low six bits (spec 4.3.2), as the JVM takes them from an int.
        insn(t, Opcode.I64_ADD, "(JJ)J", LADD);
        insn(t, Opcode.I64_SUB, "(JJ)J", LSUB);
        insn(t, Opcode.I64_MUL, "(JJ)J", LMUL);
        insn(t, Opcode.I64_AND, "(JJ)J", LAND);
        insn(t, Opcode.I64_OR, "(JJ)J", LOR);
        insn(t, Opcode.I64_XOR, "(JJ)J", LXOR);
        insn(t, Opcode.I64_SHL, "(JJ)J", L2I, LSHL);
        insn(t, Opcode.I64_SHR_S, "(JJ)J", L2I, LSHR);
        insn(t, Opcode.I64_SHR_U, "(JJ)J", L2I, LUSHR);
        call(t, Opcode.I64_DIV_S, "(JJ)J", INT_OPS, "i64DivS");
        call(t, Opcode.I64_DIV_U, "(JJ)J", INT_OPS, "i64DivU");
        call(t, Opcode.I64_REM_S, "(JJ)J", INT_OPS, "i64RemS");
        call(t, Opcode.I64_REM_U, "(JJ)J", INT_OPS, "i64RemU");
        code(t, Opcode.I64_ROTL, "(JJ)J", insn(L2I), new Call("java/lang/Long", "rotateLeft", "(JI)J"));
        code(t, Opcode.I64_ROTR, "(JJ)J", insn(L2I), new Call("java/lang/Long", "rotateRight", "(JI)J"));
        code(t, Opcode.I64_CLZ, "(J)J", new Call("java/lang/Long", "numberOfLeadingZeros", "(J)I"), insn(I2L));
        code(t, Opcode.I64_CTZ, "(J)J", new Call("java/lang/Long", "numberOfTrailingZeros", "(J)I"), insn(I2L));
        code(t, Opcode.I64_POPCNT, "(J)J", new Call("java/lang/Long", "bitCount", "(J)I"), insn(I2L));
        insn(t, Opcode.I64_EXTEND8_S, "(J)J", L2I, I2B, I2L);
        insn(t, Opcode.I64_EXTEND16_S, "(J)J", L2I, I2S, I2L);
        insn(t, Opcode.I64_EXTEND32_S, "(J)J", L2I, I2L);
        test(t, Opcode.I64_EQZ, "(J)I", IFEQ, LCONST_0, LCMP);
        longCompare(t, Opcode.I64_EQ, IFEQ);
        longCompare(t, Opcode.I64_NE, IFNE);
        longCompare(t, Opcode.I64_LT_S, IFLT);
        longCompare(t, Opcode.I64_GT_S, IFGT);
        longCompare(t, Opcode.I64_LE_S, IFLE);
        longCompare(t, Opcode.I64_GE_S, IFGE);
        unsignedCompare(t, Opcode.I64_LT_U, "(JJ)I", IFLT);
        unsignedCompare(t, Opcode.I64_GT_U, "(JJ)I", IFGT);
        unsignedCompare(t, Opcode.I64_LE_U, "(JJ)I", IFLE);
        unsignedCompare(t, Opcode.I64_GE_U, "(JJ)I", IFGE);
        // f32/f64 (spec 4.3.3): JVM float arithmetic is IEEE 754 round-to-nearest like Wasm's.
        // Sign operations work on the bits, so a NaN's payload never passes through a float;
        // they are masks inline, like every operator that is a few instructions.
        insn(t, Opcode.F32_ADD, "(FF)F", FADD);
        insn(t, Opcode.F32_SUB, "(FF)F", FSUB);
        insn(t, Opcode.F32_MUL, "(FF)F", FMUL);
        insn(t, Opcode.F32_DIV, "(FF)F", FDIV);
        call(t, Opcode.F32_MIN, "(FF)F", FLOAT_OPS, "f32Min");
        call(t, Opcode.F32_MAX, "(FF)F", FLOAT_OPS, "f32Max");
        signs(t, Opcode.F32_COPYSIGN, Opcode.F32_ABS, Opcode.F32_NEG, false);
        call(t, Opcode.F32_CEIL, "(F)F", FLOAT_OPS, "f32Ceil");
        call(t, Opcode.F32_FLOOR, "(F)F", FLOAT_OPS, "f32Floor");
        call(t, Opcode.F32_TRUNC, "(F)F", FLOAT_OPS, "f32Trunc");
        call(t, Opcode.F32_NEAREST, "(F)F", FLOAT_OPS, "f32Nearest");
        call(t, Opcode.F32_SQRT, "(F)F", FLOAT_OPS, "f32Sqrt");
        insn(t, Opcode.F64_ADD, "(DD)D", DADD);
        insn(t, Opcode.F64_SUB, "(DD)D", DSUB);
        insn(t, Opcode.F64_MUL, "(DD)D", DMUL);
        insn(t, Opcode.F64_DIV, "(DD)D", DDIV);
        call(t, Opcode.F64_MIN, "(DD)D", FLOAT_OPS, "f64Min");
        call(t, Opcode.F64_MAX, "(DD)D", FLOAT_OPS, "f64Max");
        signs(t, Opcode.F64_COPYSIGN, Opcode.F64_ABS, Opcode.F64_NEG, true);
        call(t, Opcode.F64_CEIL, "(D)D", FLOAT_OPS, "f64Ceil");
        call(t, Opcode.F64_FLOOR, "(D)D", FLOAT_OPS, "f64Floor");
        call(t, Opcode.F64_TRUNC, "(D)D", FLOAT_OPS, "f64Trunc");
        call(t, Opcode.F64_NEAREST, "(D)D", FLOAT_OPS, "f64Nearest");
        call(t, Opcode.F64_SQRT, "(D)D", FLOAT_OPS, "f64Sqrt");
        // fcmpl/fcmpg pick the NaN answer that makes every relation but ne false (spec 4.3.3).
        floatCompares(t, "F32", "(FF)I", FCMPL, FCMPG);
        floatCompares(t, "F64", "(DD)I", DCMPL, DCMPG);
        // Conversions (spec 4.3.4): the trapping and saturating ones are the shared helpers.
        insn(t, Opcode.I32_WRAP_I64, "(J)I", L2I);
        insn(t, Opcode.I64_EXTEND_I32_S, "(I)J", I2L);
        code(t, Opcode.I64_EXTEND_I32_U, "(I)J", insn(I2L), new Push(0xFFFF_FFFFL), insn(LAND));
        call(t, Opcode.I32_TRUNC_F32_S, "(F)I", CONV, "i32TruncF32S");
        call(t, Opcode.I32_TRUNC_F32_U, "(F)I", CONV, "i32TruncF32U");
        call(t, Opcode.I32_TRUNC_F64_S, "(D)I", CONV, "i32TruncF64S");
        call(t, Opcode.I32_TRUNC_F64_U, "(D)I", CONV, "i32TruncF64U");
        call(t, Opcode.I64_TRUNC_F32_S, "(F)J", CONV, "i64TruncF32S");
        call(t, Opcode.I64_TRUNC_F32_U, "(F)J", CONV, "i64TruncF32U");
        call(t, Opcode.I64_TRUNC_F64_S, "(D)J", CONV, "i64TruncF64S");
        call(t, Opcode.I64_TRUNC_F64_U, "(D)J", CONV, "i64TruncF64U");
        call(t, Opcode.I32_TRUNC_SAT_F32_S, "(F)I", CONV, "i32TruncSatF32S");
        call(t, Opcode.I32_TRUNC_SAT_F32_U, "(F)I", CONV, "i32TruncSatF32U");
        call(t, Opcode.I32_TRUNC_SAT_F64_S, "(D)I", CONV, "i32TruncSatF64S");
        call(t, Opcode.I32_TRUNC_SAT_F64_U, "(D)I", CONV, "i32TruncSatF64U");
        call(t, Opcode.I64_TRUNC_SAT_F32_S, "(F)J", CONV, "i64TruncSatF32S");
        call(t, Opcode.I64_TRUNC_SAT_F32_U, "(F)J", CONV, "i64TruncSatF32U");
        call(t, Opcode.I64_TRUNC_SAT_F64_S, "(D)J", CONV, "i64TruncSatF64S");
        call(t, Opcode.I64_TRUNC_SAT_F64_U, "(D)J", CONV, "i64TruncSatF64U");
        insn(t, Opcode.F32_CONVERT_I32_S, "(I)F", I2F);
        call(t, Opcode.F32_CONVERT_I32_U, "(I)F", CONV, "f32ConvertI32U");
        insn(t, Opcode.F32_CONVERT_I64_S, "(J)F", L2F);
        call(t, Opcode.F32_CONVERT_I64_U, "(J)F", CONV, "f32ConvertI64U");
        insn(t, Opcode.F64_CONVERT_I32_S, "(I)D", I2D);
        call(t, Opcode.F64_CONVERT_I32_U, "(I)D", CONV, "f64ConvertI32U");
        insn(t, Opcode.F64_CONVERT_I64_S, "(J)D", L2D);
        call(t, Opcode.F64_CONVERT_I64_U, "(J)D", CONV, "f64ConvertI64U");
        call(t, Opcode.F32_DEMOTE_F64, "(D)F", FLOAT_OPS, "f32DemoteF64");
        call(t, Opcode.F64_PROMOTE_F32, "(F)D", FLOAT_OPS, "f64PromoteF32");
        // Reinterpretations keep the bits (the slot's i32 view stays sign-extended).
        insn(t, Opcode.I32_REINTERPRET_F32, "(I)I");
        insn(t, Opcode.F32_REINTERPRET_I32, "(I)I");
        insn(t, Opcode.I64_REINTERPRET_F64, "(J)J");
        insn(t, Opcode.F64_REINTERPRET_I64, "(J)J");
        // References: 0 is null for every reference type (DESIGN.md "Values and references").
        test(t, Opcode.REF_IS_NULL, "(J)I", IFEQ, LCONST_0, LCMP);
        test(t, Opcode.REF_EQ, "(JJ)I", IFEQ, LCMP);
        code(t, Opcode.REF_AS_NON_NULL, "(J)J", new Call(FunctionCompiler.RT, "refAsNonNull", "(J)J"));
        return Map.copyOf(t);
    }

    /**
     * copysign, abs and neg of f32 ({@code wide} false, int bits) or f64 (long bits): masks of
     * the sign bit. copysign(a, b) is b's sign bit or'd with a's magnitude, a swapped up first.
     */
    private static void signs(Map<Opcode, Op> t, Opcode copysign, Opcode abs, Opcode neg, boolean wide) {
        String unary = wide ? "(J)J" : "(I)I";
        Push sign = new Push(wide ? (Object) Long.MIN_VALUE : (Object) Integer.MIN_VALUE);
        Push magnitude = new Push(wide ? (Object) Long.MAX_VALUE : (Object) Integer.MAX_VALUE);
        Insn and = insn(wide ? LAND : IAND);
        var code = new ArrayList<Step>(List.of(sign, and));
        code.addAll(wide ? List.of(insn(DUP2_X2), insn(POP2)) : List.of(insn(SWAP)));
        code.addAll(List.of(magnitude, and, insn(wide ? LOR : IOR)));
        t.put(copysign, new Op(copysign, wide ? "(JJ)J" : "(II)I", List.copyOf(code), 0));
        code(t, abs, unary, magnitude, and);
        code(t, neg, unary, sign, insn(wide ? LXOR : IXOR));
    }

    /**
     * The six comparisons of f32 or f64 ({@code type}): {@code l} (NaN gives -1) where a NaN must
     * fail a greater-than test or pass ne, {@code g} (NaN gives 1) where it must fail less-than.
     */
    private static void floatCompares(Map<Opcode, Op> t, String type, String desc, int l, int g) {
        test(t, Opcode.valueOf(type + "_EQ"), desc, IFEQ, l);
        test(t, Opcode.valueOf(type + "_NE"), desc, IFNE, l);
        test(t, Opcode.valueOf(type + "_LT"), desc, IFLT, g);
        test(t, Opcode.valueOf(type + "_GT"), desc, IFGT, l);
        test(t, Opcode.valueOf(type + "_LE"), desc, IFLE, g);
        test(t, Opcode.valueOf(type + "_GE"), desc, IFGE, l);
    }

    private static Insn insn(int opcode) {
        return new Insn(opcode);
    }

    private static void code(Map<Opcode, Op> t, Opcode op, String desc, Step... code) {
        t.put(op, new Op(op, desc, List.of(code), 0));
    }

    private static void insn(Map<Opcode, Op> t, Opcode op, String desc, int... insns) {
        t.put(op, new Op(op, desc, insns(insns), 0));
    }

    /** A comparison: {@code insns}, then {@code jump} on the int they leave. */
    private static void test(Map<Opcode, Op> t, Opcode op, String desc, int jump, int... insns) {
        t.put(op, new Op(op, desc, insns(insns), jump));
    }

    private static List<Step> insns(int... insns) {
        return Arrays.stream(insns).<Step>mapToObj(Insn::new).toList();
    }

    private static void call(Map<Opcode, Op> t, Opcode op, String desc, String owner, String name) {
        code(t, op, desc, new Call(owner, name, desc));
    }

    private static void jdk(Map<Opcode, Op> t, Opcode op, String desc, String owner, String name, String callDesc) {
        code(t, op, desc, new Call(owner, name, callDesc));
    }

    private static void longCompare(Map<Opcode, Op> t, Opcode op, int jump) {
        test(t, op, "(JJ)I", jump, LCMP);
    }

    private static void unsignedCompare(Map<Opcode, Op> t, Opcode op, String desc, int jump) {
        boolean wide = desc.startsWith("(J");
        String owner = wide ? "java/lang/Long" : "java/lang/Integer";
        t.put(op, new Op(op, desc, List.of(new Call(owner, "compareUnsigned", wide ? "(JJ)I" : "(II)I")), jump));
    }
}
