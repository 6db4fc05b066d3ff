package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.ACC_PUBLIC;
import static net.bytebuddy.jar.asm.Opcodes.ACC_STATIC;
import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ARETURN;
import static net.bytebuddy.jar.asm.Opcodes.ATHROW;
import static net.bytebuddy.jar.asm.Opcodes.ILOAD;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESTATIC;
import static net.bytebuddy.jar.asm.Opcodes.ISHR;

import java.util.List;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * {@link JitCode#invokeTail}: a switch on the chunk of the function index, then one static method
 * per chunk ({@code td<chunk>}) with a switch on the index calling the function's {@code
 * tb<index>} bridge, so that each method stays far below the 64 KiB limit.
 */
final class TailDispatch {
    private static final int CHUNK_BITS = 10;
    private static final String INST = FunctionCompiler.INST;
    private static final String CHUNK_DESC = "(IL" + INST + ";[JI)Ljava/lang/Object;";

    private TailDispatch() {}

    static void emit(ClassVisitor cv, List<Integer> indexes, int functions) {
        int chunks = (functions >> CHUNK_BITS) + 1;
        for (int c = 0; c < chunks; c++) {
            int from = c << CHUNK_BITS;
            int to = (c + 1) << CHUNK_BITS;
            int[] keys = indexes.stream()
                    .filter(i -> i >= from && i < to)
                    .mapToInt(Integer::intValue)
                    .toArray();
            MethodVisitor mv = cv.visitMethod(ACC_STATIC, "td" + c, CHUNK_DESC, null, null);
            mv.visitCode();
            Label dflt = new Label();
            Label[] cases = new Label[keys.length];
            for (int k = 0; k < keys.length; k++) {
                cases[k] = new Label();
            }
            mv.visitVarInsn(ILOAD, 0);
            mv.visitLookupSwitchInsn(dflt, keys, cases);
            for (int k = 0; k < keys.length; k++) {
                mv.visitLabel(cases[k]);
                mv.visitVarInsn(ALOAD, 1);
                mv.visitVarInsn(ALOAD, 2);
                mv.visitVarInsn(ILOAD, 3);
                mv.visitMethodInsn(
                        INVOKESTATIC, ModuleCompiler.CLASS_NAME, "tb" + keys[k], FunctionCompiler.TAIL_BRIDGE, false);
                mv.visitInsn(ARETURN);
            }
            notCompiled(mv, dflt, 0);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        MethodVisitor mv = cv.visitMethod(ACC_PUBLIC, "invokeTail", CHUNK_DESC, null, null);
        mv.visitCode();
        Label dflt = new Label();
        Label[] cases = new Label[chunks];
        for (int c = 0; c < chunks; c++) {
            cases[c] = new Label();
        }
        mv.visitVarInsn(ILOAD, 1);
        mv.visitLdcInsn(CHUNK_BITS);
        mv.visitInsn(ISHR);
        mv.visitTableSwitchInsn(0, chunks - 1, dflt, cases);
        for (int c = 0; c < chunks; c++) {
            mv.visitLabel(cases[c]);
            mv.visitVarInsn(ILOAD, 1);
            mv.visitVarInsn(ALOAD, 2);
            mv.visitVarInsn(ALOAD, 3);
            mv.visitVarInsn(ILOAD, 4);
            mv.visitMethodInsn(INVOKESTATIC, ModuleCompiler.CLASS_NAME, "td" + c, CHUNK_DESC, false);
            mv.visitInsn(ARETURN);
        }
        notCompiled(mv, dflt, 1);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void notCompiled(MethodVisitor mv, Label at, int indexLocal) {
        mv.visitLabel(at);
        mv.visitVarInsn(ILOAD, indexLocal);
        mv.visitMethodInsn(INVOKESTATIC, FunctionCompiler.RT, "notCompiled", "(I)Ljava/lang/RuntimeException;", false);
        mv.visitInsn(ATHROW);
    }
}
