package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ARETURN;
import static net.bytebuddy.jar.asm.Opcodes.DUP;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_0;
import static net.bytebuddy.jar.asm.Opcodes.LALOAD;
import static net.bytebuddy.jar.asm.Opcodes.LASTORE;
import static net.bytebuddy.jar.asm.Opcodes.LLOAD;
import static net.bytebuddy.jar.asm.Opcodes.LRETURN;
import static net.bytebuddy.jar.asm.Opcodes.NEWARRAY;
import static net.bytebuddy.jar.asm.Opcodes.POP;
import static net.bytebuddy.jar.asm.Opcodes.RETURN;
import static net.bytebuddy.jar.asm.Opcodes.T_LONG;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import java.util.List;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * The calling convention of compiled functions. A method takes the instance, the call depth,
 * then one {@code long} per parameter (a v128's low half), then the high half of each v128
 * parameter in order, so that parameter {@code i}'s low half is always the {@code i}-th long. It
 * returns void for no results, {@code long} for one flat value, else the flat {@code long[]}
 * (DESIGN.md "Values and references": two longs per v128, low first), which is also the layout
 * of every array-based call (bridges, the runtime, tail calls).
 */
final class Abi {
    private Abi() {}

    static int flat(List<ValType> types) {
        return FuncType.flatCount(types);
    }

    static int v128Count(List<ValType> types) {
        return (int) types.stream().filter(t -> t == ValType.V128).count();
    }

    /** JVM long arguments after instance and depth. */
    static int jvmParams(FuncType type) {
        return type.params().size() + v128Count(type.params());
    }

    static String descriptor(FuncType type) {
        var sb = new StringBuilder("(L").append(FunctionCompiler.INST).append(";I");
        sb.append("J".repeat(jvmParams(type))).append(')');
        int results = flat(type.results());
        sb.append(results == 0 ? "V" : results == 1 ? "J" : "[J");
        return sb.toString();
    }

    /**
     * Pushes the method arguments of {@code type} read from a flat {@code long[]} in local
     * {@code array}.
     */
    static void argsFromFlat(MethodVisitor mv, FuncType type, int array) {
        List<ValType> params = type.params();
        int at = 0;
        int[] highs = new int[params.size()];
        for (int i = 0; i < params.size(); i++) {
            element(mv, array, at++);
            highs[i] = params.get(i) == ValType.V128 ? at++ : -1;
        }
        for (int h : highs) {
            if (h >= 0) {
                element(mv, array, h);
            }
        }
    }

    private static void element(MethodVisitor mv, int array, int index) {
        mv.visitVarInsn(ALOAD, array);
        mv.visitLdcInsn(index);
        mv.visitInsn(LALOAD);
    }

    /** Pushes a new flat {@code long[]} of the method arguments held in locals from {@code first}. */
    static void flatFromArgs(MethodVisitor mv, FuncType type, int first) {
        List<ValType> params = type.params();
        mv.visitLdcInsn(flat(params));
        mv.visitIntInsn(NEWARRAY, T_LONG);
        int at = 0;
        int high = first + 2 * params.size();
        for (int i = 0; i < params.size(); i++) {
            store(mv, at++, first + 2 * i);
            if (params.get(i) == ValType.V128) {
                store(mv, at++, high);
                high += 2;
            }
        }
    }

    private static void store(MethodVisitor mv, int index, int local) {
        mv.visitInsn(DUP);
        mv.visitLdcInsn(index);
        mv.visitVarInsn(LLOAD, local);
        mv.visitInsn(LASTORE);
    }

    /** Returns the flat {@code long[]} on the stack as a method of {@code type} returns. */
    static void returnFlat(MethodVisitor mv, FuncType type) {
        switch (flat(type.results())) {
            case 0 -> {
                mv.visitInsn(POP);
                mv.visitInsn(RETURN);
            }
            case 1 -> {
                mv.visitInsn(ICONST_0);
                mv.visitInsn(LALOAD);
                mv.visitInsn(LRETURN);
            }
            default -> mv.visitInsn(ARETURN);
        }
    }
}
