package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.ACC_PUBLIC;
import static net.bytebuddy.jar.asm.Opcodes.ACC_STATIC;
import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ARETURN;
import static net.bytebuddy.jar.asm.Opcodes.ATHROW;
import static net.bytebuddy.jar.asm.Opcodes.ILOAD;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESTATIC;
import static net.bytebuddy.jar.asm.Opcodes.LLOAD;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.exec.interp.internal.IrOp;
import dev.jwasm.exec.interp.internal.TierSupport.Lowered;
import java.util.List;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * {@link JitCode#invokeTail}: a switch on the chunk of the function index, then one static method
 * per chunk ({@code td<chunk>}) with a switch on the index calling the function's {@code
 * tb<index>} bridge, so that each method stays far below the 64 KiB limit; and the methods of a
 * function that makes tail calls to others (its body {@code t<index>}, the wrapper {@code
 * f<index>} running the trampoline, and {@code tb<index>}).
 */
final class TailDispatch {
    private static final int CHUNK_BITS = 10;
    private static final String INST = FunctionCompiler.INST;
    private static final String TAIL = FunctionCompiler.TAIL;
    private static final String CHUNK_DESC = "(IL" + INST + ";[JI)Ljava/lang/Object;";
    /** The tail-call target bridges' descriptor: {@code (InstanceState, long[] args, int depth) Object}. */
    static final String TAIL_BRIDGE = "(L" + INST + ";[JI)Ljava/lang/Object;";

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
                mv.visitMethodInsn(INVOKESTATIC, ModuleCompiler.CLASS_NAME, "tb" + keys[k], TAIL_BRIDGE, false);
                mv.visitInsn(ARETURN);
            }
            notCompiled(mv, dflt, 0);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        MethodVisitor mv = cv.visitMethod(ACC_PUBLIC, "invokeTail", CHUNK_DESC, null, null);
        mv.visitCode();
        ModuleCompiler.chunkSwitch(mv, chunks, "td", CHUNK_DESC);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void notCompiled(MethodVisitor mv, Label at, int indexLocal) {
        mv.visitLabel(at);
        mv.visitVarInsn(ILOAD, indexLocal);
        mv.visitMethodInsn(INVOKESTATIC, FunctionCompiler.RT, "notCompiled", "(I)Ljava/lang/RuntimeException;", false);
        mv.visitInsn(ATHROW);
    }

    /**
     * The methods around a function's own: with tail calls to others, the typed {@code f<index>}
     * over the body {@code t<index>}; always the tail-call target bridge {@code tb<index>}. A split
     * function's entry (SplitFunction) is the body or the typed method as one method would be.
     */
    static void wrappers(ClassVisitor cv, int index, FuncType type, boolean tail) {
        if (tail) {
            tailWrapper(cv, index, type);
        }
        tailBridge(cv, index, type, tail);
    }

    /** The body method of a function that makes tail calls to other functions (see TailCall). */
    static String tailMethodName(int index) {
        return "t" + index;
    }

    /** {@code (InstanceState, int, long...) Object}: the flat results, or a TailCall. */
    static String tailDescriptor(FuncType type) {
        String d = FunctionCompiler.descriptor(type);
        return d.substring(0, d.indexOf(')') + 1) + "Ljava/lang/Object;";
    }

    /** Whether the function's IR has a tail call that is not of the function itself. */
    static boolean tailCallsOthers(Lowered fn, int index) {
        int[] code = fn.code();
        for (int pc = 0; pc < code.length; pc += IrOp.at(code, pc).length(code, pc)) {
            IrOp op = IrOp.at(code, pc);
            if (op == IrOp.RETURN_CALL_INDIRECT
                    || op == IrOp.RETURN_CALL_REF
                    || op == IrOp.RETURN_CALL && code[pc + 1] != index) {
                return true;
            }
        }
        return false;
    }

    /**
     * The typed method {@code f<index>} of a function whose body ({@code t<index>}) may return a
     * tail call: it runs the body, then the tail calls it returns until results come back, so
     * every caller sees an ordinary method and no tail call grows the JVM stack.
     */
    static void tailWrapper(ClassVisitor cv, int index, FuncType type) {
        MethodVisitor mv = cv.visitMethod(
                ACC_STATIC, FunctionCompiler.methodName(index), FunctionCompiler.descriptor(type), null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ILOAD, 1);
        for (int i = 0; i < Abi.jvmParams(type); i++) {
            mv.visitVarInsn(LLOAD, Emitter.local(i));
        }
        mv.visitMethodInsn(INVOKESTATIC, ModuleCompiler.CLASS_NAME, tailMethodName(index), tailDescriptor(type), false);
        mv.visitVarInsn(ALOAD, 0);
        // The callees replace this frame: they run at its depth.
        mv.visitVarInsn(ILOAD, 1);
        mv.visitMethodInsn(INVOKESTATIC, TAIL, "trampoline", "(Ljava/lang/Object;L" + INST + ";I)[J", false);
        Abi.returnFlat(mv, type);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * {@code static Object tb<index>(InstanceState, long[] args, int depth)}: the function as a
     * tail call's target ({@link JitCode#invokeTail}), at the depth of the frame it replaces: the
     * body form when it makes tail calls itself, else its flat results.
     */
    static void tailBridge(ClassVisitor cv, int index, FuncType type, boolean tail) {
        MethodVisitor mv = cv.visitMethod(ACC_STATIC, "tb" + index, TAIL_BRIDGE, null, null);
        mv.visitCode();
        if (!tail) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitVarInsn(ILOAD, 2);
            mv.visitMethodInsn(INVOKESTATIC, ModuleCompiler.CLASS_NAME, "b" + index, ModuleCompiler.BRIDGE, false);
            mv.visitInsn(ARETURN);
        } else {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ILOAD, 2);
            Abi.argsFromFlat(mv, type, 1);
            mv.visitMethodInsn(
                    INVOKESTATIC, ModuleCompiler.CLASS_NAME, tailMethodName(index), tailDescriptor(type), false);
            mv.visitInsn(ARETURN);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
