package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.ACC_FINAL;
import static net.bytebuddy.jar.asm.Opcodes.ACC_PUBLIC;
import static net.bytebuddy.jar.asm.Opcodes.ACC_STATIC;
import static net.bytebuddy.jar.asm.Opcodes.ACC_SUPER;
import static net.bytebuddy.jar.asm.Opcodes.ACC_SYNTHETIC;
import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ARETURN;
import static net.bytebuddy.jar.asm.Opcodes.ATHROW;
import static net.bytebuddy.jar.asm.Opcodes.ICONST_0;
import static net.bytebuddy.jar.asm.Opcodes.ILOAD;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESPECIAL;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESTATIC;
import static net.bytebuddy.jar.asm.Opcodes.ISHR;
import static net.bytebuddy.jar.asm.Opcodes.RETURN;
import static net.bytebuddy.jar.asm.Opcodes.V21;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.exec.interp.internal.TierSupport;
import dev.jwasm.exec.interp.internal.TierSupport.Lowered;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import net.bytebuddy.jar.asm.ClassTooLargeException;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodTooLargeException;
import net.bytebuddy.jar.asm.MethodVisitor;

/**
 * Compiles one module instance to one hidden class (unloaded with the instance): a static method
 * per compilable function (see {@link FunctionCompiler}), a bridge {@code b<index>(InstanceState,
 * long[]) long[]} per function for calls from outside, and {@link JitCode#invoke} dispatching to
 * the bridges. A method the JVM would reject as too large is dropped and the class generated
 * again without it; any other failure leaves the whole instance on the interpreter.
 */
final class ModuleCompiler {
    static final String CLASS_NAME = "dev/jwasm/exec/jit/internal/WasmModule";
    /** Functions per dispatch method, so that each stays far below the 64 KiB method limit. */
    private static final int CHUNK_BITS = 10;
    /** HotSpot's HugeMethodLimit: a longer method is never compiled to machine code. */
    private static final int HUGE_METHOD_LIMIT = 8_000;

    private static final System.Logger LOG = System.getLogger(ModuleCompiler.class.getName());
    /** {@code -Djwasm.jit.verbose=true} prints, per module, what was compiled and what not and why. */
    private static final boolean VERBOSE = Boolean.getBoolean("jwasm.jit.verbose");

    private ModuleCompiler() {}

    static ModuleCode compile(InstanceState inst, boolean meterFuel) {
        int n = inst.functions.length;
        boolean[] compiled = new boolean[n];
        Lowered[] lowered = new Lowered[n];
        var why = new TreeMap<String, Integer>();
        int defined = 0;
        for (int i = 0; i < n; i++) {
            if (inst.functions[i] instanceof WasmFunctionInstance w && w.instance() == inst) {
                defined++;
                String reason;
                try {
                    Lowered l = TierSupport.lowered(w);
                    reason = FunctionCompiler.whyNot(w, l);
                    if (reason == null) {
                        compiled[i] = true;
                        lowered[i] = l;
                    }
                } catch (RuntimeException e) {
                    // The interpreter reports the same problem when the function is called.
                    reason = "not lowered: " + e.getMessage();
                }
                if (reason != null) {
                    why.merge(reason, 1, Integer::sum);
                }
            }
        }
        if (VERBOSE) {
            int interpreted = why.values().stream().mapToInt(Integer::intValue).sum();
            System.err.println("jwasm jit: " + (defined - interpreted) + " of " + defined
                    + " functions compiled; interpreted: " + why);
        }
        try {
            while (true) {
                try {
                    var huge = new ArrayList<Integer>();
                    byte[] bytes = generate(inst, lowered, compiled, meterFuel, huge);
                    if (!huge.isEmpty()) {
                        // HotSpot never compiles these; the interpreter runs them faster than the
                        // JVM's bytecode interpreter would. Generate again without them.
                        huge.forEach(i -> compiled[i] = false);
                        FunctionCompiler.INTERPRETED.merge("too big", huge.size(), Integer::sum);
                        if (VERBOSE) {
                            System.err.println("jwasm jit: left to the interpreter (over " + HUGE_METHOD_LIMIT
                                    + " bytes of bytecode): functions " + huge);
                        }
                        continue;
                    }
                    return new ModuleCode(define(bytes), compiled);
                } catch (MethodTooLargeException e) {
                    if (!dropTooLarge(e.getMethodName(), compiled)) {
                        throw e;
                    }
                }
            }
        } catch (ClassTooLargeException | MethodTooLargeException | ReflectiveOperationException | LinkageError e) {
            // Never fatal: the interpreter runs the whole instance.
            FunctionCompiler.INTERPRETED.merge("class not generated: " + e, 1, Integer::sum);
            LOG.log(System.Logger.Level.DEBUG, "instance left to the interpreter", e);
            return new ModuleCode(null, compiled);
        } catch (RuntimeException e) {
            FunctionCompiler.INTERPRETED.merge("class not generated: " + e, 1, Integer::sum);
            LOG.log(System.Logger.Level.WARNING, "JIT compilation failed; interpreting", e);
            return new ModuleCode(null, compiled);
        }
    }

    private static boolean dropTooLarge(String method, boolean[] compiled) {
        if (method.length() > 1 && (method.charAt(0) == 'f' || method.charAt(0) == 'b') && !method.startsWith("ci")) {
            int index = Integer.parseInt(method.substring(1));
            if (compiled[index]) {
                compiled[index] = false;
                return true;
            }
        }
        return false;
    }

    private static JitCode define(byte[] bytes) throws ReflectiveOperationException {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            return (JitCode) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static byte[] generate(
            InstanceState inst, Lowered[] lowered, boolean[] compiled, boolean meterFuel, List<Integer> huge) {
        var cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                // Only one reference type ever meets itself at a merge; nothing needs loading.
                return a.equals(b) ? a : "java/lang/Object";
            }
        };
        cw.visit(
                V21,
                ACC_PUBLIC | ACC_FINAL | ACC_SUPER | ACC_SYNTHETIC,
                CLASS_NAME,
                null,
                "java/lang/Object",
                new String[] {"dev/jwasm/exec/jit/internal/JitCode"});
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        List<Integer> indexes = new ArrayList<>();
        var indirectTypes = new TreeSet<Integer>();
        for (int i = 0; i < compiled.length; i++) {
            if (compiled[i]) {
                int size = FunctionCompiler.compile(cw, inst, i, lowered[i], compiled, meterFuel, indirectTypes);
                if (size > HUGE_METHOD_LIMIT) {
                    huge.add(i);
                }
                bridge(cw, i, inst.functions[i].type());
                indexes.add(i);
            }
        }
        for (int t : indirectTypes) {
            IndirectCalls.emit(cw, inst, t, compiled, meterFuel);
        }
        dispatch(cw, indexes, compiled.length);
        TailDispatch.emit(cw, indexes, compiled.length);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code static long[] b<index>(InstanceState inst, long[] args)}: the flat calling convention. */
    private static void bridge(ClassWriter cw, int index, FuncType type) {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "b" + index, "(L" + FunctionCompiler.INST + ";[J)[J", null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        // A call from outside the class starts a new count of nested compiled calls.
        mv.visitInsn(ICONST_0);
        Abi.argsFromFlat(mv, type, 1);
        mv.visitMethodInsn(
                INVOKESTATIC, CLASS_NAME, FunctionCompiler.methodName(index), FunctionCompiler.descriptor(type), false);
        switch (Abi.flat(type.results())) {
            case 0 -> mv.visitMethodInsn(INVOKESTATIC, FunctionCompiler.RT, "none", "()[J", false);
            case 1 -> mv.visitMethodInsn(INVOKESTATIC, FunctionCompiler.RT, "one", "(J)[J", false);
            default -> {}
        }
        mv.visitInsn(ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * {@link JitCode#invoke}: a switch on the chunk of the index, then one static method per chunk
     * with a switch on the index, each case calling the function's bridge.
     */
    private static void dispatch(ClassWriter cw, List<Integer> indexes, int functions) {
        String chunkDesc = "(IL" + FunctionCompiler.INST + ";[J)[J";
        int chunks = (functions >> CHUNK_BITS) + 1;
        for (int c = 0; c < chunks; c++) {
            int from = c << CHUNK_BITS;
            int to = (c + 1) << CHUNK_BITS;
            List<Integer> mine =
                    indexes.stream().filter(i -> i >= from && i < to).toList();
            MethodVisitor mv = cw.visitMethod(ACC_STATIC, "d" + c, chunkDesc, null, null);
            mv.visitCode();
            Label dflt = new Label();
            int[] keys = mine.stream().mapToInt(Integer::intValue).toArray();
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
                mv.visitMethodInsn(
                        INVOKESTATIC, CLASS_NAME, "b" + keys[k], "(L" + FunctionCompiler.INST + ";[J)[J", false);
                mv.visitInsn(ARETURN);
            }
            mv.visitLabel(dflt);
            mv.visitVarInsn(ILOAD, 0);
            mv.visitMethodInsn(
                    INVOKESTATIC, FunctionCompiler.RT, "notCompiled", "(I)Ljava/lang/RuntimeException;", false);
            mv.visitInsn(ATHROW);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "invoke", "(IL" + FunctionCompiler.INST + ";[J)[J", null, null);
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
            mv.visitMethodInsn(INVOKESTATIC, CLASS_NAME, "d" + c, chunkDesc, false);
            mv.visitInsn(ARETURN);
        }
        mv.visitLabel(dflt);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitMethodInsn(INVOKESTATIC, FunctionCompiler.RT, "notCompiled", "(I)Ljava/lang/RuntimeException;", false);
        mv.visitInsn(ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
