package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.ACC_STATIC;
import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ARETURN;
import static net.bytebuddy.jar.asm.Opcodes.ASTORE;
import static net.bytebuddy.jar.asm.Opcodes.CHECKCAST;
import static net.bytebuddy.jar.asm.Opcodes.IFEQ;
import static net.bytebuddy.jar.asm.Opcodes.IF_ACMPNE;
import static net.bytebuddy.jar.asm.Opcodes.ILOAD;
import static net.bytebuddy.jar.asm.Opcodes.INSTANCEOF;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESTATIC;
import static net.bytebuddy.jar.asm.Opcodes.INVOKEVIRTUAL;
import static net.bytebuddy.jar.asm.Opcodes.LLOAD;
import static net.bytebuddy.jar.asm.Opcodes.LRETURN;
import static net.bytebuddy.jar.asm.Opcodes.RETURN;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.spi.runtime.InstanceState;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * The typed dispatch of {@code call_indirect}: one method per function type the class calls
 * indirectly, {@code static R ci<type>(InstanceState inst, int table, long index, long...
 * params)}. After the interpreter's checks (bounds, null, type) it calls a compiled function of
 * this instance with a plain {@code invokestatic} (a switch on the function index), or, from a
 * function's own class, any function of the module through its call site; any other callee
 * (host, another instance, interpreted) goes through the flat calling convention.
 */
final class IndirectCalls {
    /** Above this many candidates the switch is left out: every call takes the generic path. */
    private static final int MAX_CASES = 2_000;

    /**
     * The same for a function's own class, where every case is a call site: few enough that the
     * method stays well under HotSpot's HugeMethodLimit (a method over it is never compiled).
     */
    private static final int MAX_LINKED_CASES = 200;

    /** The JVM local of the first parameter. */
    private static final int PARAMS = 5;

    private static final String FN = "dev/jwasm/spi/runtime/FunctionInstance";
    private static final String WASM_FN = "dev/jwasm/spi/runtime/WasmFunctionInstance";

    private IndirectCalls() {}

    static String methodName(int typeIndex) {
        return "ci" + typeIndex;
    }

    static String descriptor(FuncType type) {
        String d = FunctionCompiler.descriptor(type);
        // (InstanceState; I J...)R becomes (InstanceState; I I J J...)R: depth, table, index.
        int at = d.indexOf(';') + 2;
        return d.substring(0, at) + "IJ" + d.substring(at);
    }

    static void emit(ClassVisitor cv, CompileContext ctx, int typeIndex) {
        InstanceState inst = ctx.inst();
        FuncType type = inst.types[typeIndex];
        // The longs of the calling convention (Abi): a v128 parameter's high half after the lows.
        int params = Abi.jvmParams(type);
        int results = Abi.flat(type.results());
        // Locals: instance, depth (already the callee's), table, index (two), the parameters.
        int target = PARAMS + 2 * params;
        MethodVisitor mv = cv.visitMethod(ACC_STATIC, methodName(typeIndex), descriptor(type), null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitLdcInsn(typeIndex);
        mv.visitVarInsn(ILOAD, 2);
        mv.visitVarInsn(LLOAD, 3);
        mv.visitMethodInsn(
                INVOKESTATIC,
                FunctionCompiler.RT,
                "indirectTarget",
                "(L" + FunctionCompiler.INST + ";IIJ)L" + FN + ";",
                false);
        mv.visitVarInsn(ASTORE, target);

        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < inst.functions.length; i++) {
            if ((ctx.inClass(i) || ctx.viaSite(i)) && inst.functions[i].type().equals(type)) {
                candidates.add(i);
            }
        }
        Label generic = new Label();
        if (!candidates.isEmpty() && candidates.size() <= (ctx.linked() ? MAX_LINKED_CASES : MAX_CASES)) {
            mv.visitVarInsn(ALOAD, target);
            mv.visitTypeInsn(INSTANCEOF, WASM_FN);
            mv.visitJumpInsn(IFEQ, generic);
            mv.visitVarInsn(ALOAD, target);
            mv.visitTypeInsn(CHECKCAST, WASM_FN);
            mv.visitMethodInsn(INVOKEVIRTUAL, WASM_FN, "instance", "()L" + FunctionCompiler.INST + ";", false);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitJumpInsn(IF_ACMPNE, generic);
            if (!ctx.linked()) {
                // A call is a function entry: the same safepoint as a direct call.
                FunctionCompiler.safepoint(mv, ctx.meterFuel());
            }
            mv.visitVarInsn(ALOAD, target);
            mv.visitTypeInsn(CHECKCAST, WASM_FN);
            mv.visitMethodInsn(INVOKEVIRTUAL, WASM_FN, "index", "()I", false);
            int[] keys = candidates.stream().mapToInt(Integer::intValue).toArray();
            Label[] cases = new Label[keys.length];
            for (int k = 0; k < keys.length; k++) {
                cases[k] = new Label();
            }
            mv.visitLookupSwitchInsn(generic, keys, cases);
            String desc = FunctionCompiler.descriptor(type);
            for (int k = 0; k < keys.length; k++) {
                mv.visitLabel(cases[k]);
                boolean here = ctx.inClass(keys[k]);
                if (here && ctx.linked()) {
                    // The call's safepoint; a call site's target takes its own.
                    FunctionCompiler.safepoint(mv, ctx.meterFuel());
                }
                mv.visitVarInsn(ALOAD, 0);
                mv.visitVarInsn(ILOAD, 1);
                for (int p = 0; p < params; p++) {
                    mv.visitVarInsn(LLOAD, PARAMS + 2 * p);
                }
                String name = FunctionCompiler.methodName(keys[k]);
                if (here) {
                    mv.visitMethodInsn(INVOKESTATIC, ModuleCompiler.CLASS_NAME, name, desc, false);
                } else {
                    mv.visitInvokeDynamicInsn(name, desc, FunctionCompiler.LINK_FUNCTION, keys[k]);
                }
                mv.visitInsn(results == 0 ? RETURN : results == 1 ? LRETURN : ARETURN);
            }
        }
        mv.visitLabel(generic);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, target);
        Abi.flatFromArgs(mv, type, PARAMS);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitMethodInsn(
                INVOKESTATIC,
                FunctionCompiler.RT,
                "callFunction",
                "(L" + FunctionCompiler.INST + ";L" + FN + ";[JI)[J",
                false);
        Abi.returnFlat(mv, type);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
