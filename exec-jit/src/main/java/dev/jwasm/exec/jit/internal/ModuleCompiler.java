package dev.jwasm.exec.jit.internal;

import static net.bytebuddy.jar.asm.Opcodes.ACC_STATIC;
import static net.bytebuddy.jar.asm.Opcodes.ALOAD;
import static net.bytebuddy.jar.asm.Opcodes.ARETURN;
import static net.bytebuddy.jar.asm.Opcodes.ATHROW;
import static net.bytebuddy.jar.asm.Opcodes.ILOAD;
import static net.bytebuddy.jar.asm.Opcodes.INVOKESTATIC;
import static net.bytebuddy.jar.asm.Opcodes.ISHR;
import static net.bytebuddy.jar.asm.Opcodes.LLOAD;
import static net.bytebuddy.jar.asm.Opcodes.LRETURN;
import static net.bytebuddy.jar.asm.Opcodes.RETURN;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.exec.interp.internal.TierSupport;
import dev.jwasm.exec.interp.internal.TierSupport.Lowered;
import dev.jwasm.exec.jit.Uncompiled;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import net.bytebuddy.jar.asm.ClassVisitor;
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
    /** Above this many IR ints a function is measured before it is compiled. */
    static final int MEASURE_ABOVE = 2_000;
    /** The bridges' descriptor: {@code (InstanceState, long[] args, int depth) long[]}. */
    static final String BRIDGE = "(L" + FunctionCompiler.INST + ";[JI)[J";

    private static final System.Logger LOG = System.getLogger(ModuleCompiler.class.getName());
    /** {@code -Djwasm.jit.verbose=true} prints, per module, what was compiled and what not and why. */
    static final boolean VERBOSE = Boolean.getBoolean("jwasm.jit.verbose");

    private ModuleCompiler() {}

    /**
     * Compiles {@code inst}'s module, leaving the functions {@code interpretOnly} selects to the
     * interpreter. Never throws: what is not compiled is listed in the result, with why.
     */
    static ModuleCode compile(InstanceState inst, boolean meterFuel, Predicate<WasmFunctionInstance> interpretOnly) {
        return compile(inst, meterFuel, interpretOnly, null, null);
    }

    /**
     * Compiles {@code inst}'s module as {@link #compile(InstanceState, boolean, Predicate)} does,
     * or, with a {@code tier}, only {@code functions} into a class of their own, calling the
     * module's other functions through the tier's call sites ({@link ModuleTier#site}); each has
     * an entry {@code c<index>} for its call site ({@link #entry}).
     */
    static ModuleCode compile(
            InstanceState inst,
            boolean meterFuel,
            Predicate<WasmFunctionInstance> interpretOnly,
            int[] functions,
            ModuleTier tier) {
        int n = inst.functions.length;
        boolean[] compiled = new boolean[n];
        Lowered[] lowered = new Lowered[n];
        var uncompiled = new TreeMap<Integer, Uncompiled>();
        // Per function, 0 while it is one method, else the bytecode budget of its chunks.
        int[] budgets = new int[n];
        int defined = 0;
        boolean[] selected = new boolean[n];
        if (functions == null) {
            Arrays.fill(selected, true);
        } else {
            for (int f : functions) {
                selected[f] = true;
            }
        }
        var ctx = new CompileContext(inst, compiled, meterFuel, new TreeSet<>(), tier != null);
        for (int i = 0; i < n; i++) {
            if (selected[i] && inst.functions[i] instanceof WasmFunctionInstance w && w.instance() == inst) {
                defined++;
                String reason;
                try {
                    Lowered l = TierSupport.lowered(w);
                    reason = interpretOnly.test(w)
                            ? "left to the interpreter by the executor"
                            : FunctionCompiler.whyNot(w, l);
                    if (reason == null) {
                        compiled[i] = true;
                        lowered[i] = l;
                    }
                } catch (RuntimeException e) {
                    // The interpreter reports the same problem when the function is called.
                    reason = "not lowered: " + e.getMessage();
                }
                if (reason != null) {
                    uncompiled.put(i, uncompiled(inst, i, reason, true));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            // Measured first, a big function is split from the start rather than emitted whole
            // (frames and all) and then again.
            if (compiled[i]
                    && lowered[i].code().length > MEASURE_ABOVE
                    && SplitFunction.measure(ctx, i, lowered[i]) > HUGE_METHOD_LIMIT) {
                budgets[i] = SplitFunction.BUDGET;
            }
        }
        try {
            while (true) {
                try {
                    var huge = new ArrayList<Integer>();
                    JitCode code = generate(ctx, lowered, budgets, huge, tier);
                    if (!huge.isEmpty()) {
                        // HotSpot never compiles these: split them (again, smaller) and generate
                        // the class again.
                        huge.forEach(i -> splitSmaller(inst, i, compiled, budgets, uncompiled));
                        continue;
                    }
                    var module = new ModuleCode(code, compiled, List.copyOf(uncompiled.values()));
                    report(module, defined);
                    return module;
                } catch (MethodTooLargeException e) {
                    int index = functionOf(e.getMethodName(), compiled);
                    if (index < 0) {
                        throw e;
                    }
                    splitSmaller(inst, index, compiled, budgets, uncompiled);
                }
            }
        } catch (RuntimeException | ReflectiveOperationException | LinkageError e) {
            // A class the JVM rejects (too large, unverifiable) or a bug in the compiler.
            return failed(inst, compiled, uncompiled, defined, e);
        }
    }

    /** Never fatal: the interpreter runs the whole module; each function says why. */
    private static ModuleCode failed(
            InstanceState inst, boolean[] compiled, TreeMap<Integer, Uncompiled> uncompiled, int defined, Throwable e) {
        LOG.log(System.Logger.Level.WARNING, "JIT compilation failed; interpreting the module", e);
        FunctionCompiler.INTERPRETED.merge("class not generated: " + e, 1, Integer::sum);
        for (int i = 0; i < compiled.length; i++) {
            if (compiled[i]) {
                uncompiled.put(i, uncompiled(inst, i, "the module's class failed: " + e, false));
            }
        }
        var code = new ModuleCode(null, compiled, List.copyOf(uncompiled.values()));
        report(code, defined);
        return code;
    }

    private static Uncompiled uncompiled(InstanceState inst, int index, String reason, boolean unsupported) {
        return new Uncompiled(index, Optional.ofNullable(inst.functionNames().get(index)), reason, unsupported);
    }

    /** Logs, and with {@code -Djwasm.jit.verbose=true} prints, what was left to the interpreter. */
    private static void report(ModuleCode code, int defined) {
        var why = new TreeMap<String, Integer>();
        for (Uncompiled u : code.uncompiled()) {
            why.merge(u.reason(), 1, Integer::sum);
        }
        String line = code.compiledCount() + " of " + defined + " functions compiled; interpreted: " + why;
        if (VERBOSE) {
            System.err.println("jwasm jit: " + line);
            for (Uncompiled u : code.uncompiled()) {
                System.err.println("jwasm jit:   interpreted " + u);
            }
        }
        if (!code.uncompiled().isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, line);
        }
    }

    /**
     * Function {@code index} is too big as it is: split it, or split it into smaller chunks; when
     * even the smallest do not fit (one instruction alone is too big), leave it to the interpreter.
     */
    private static void splitSmaller(
            InstanceState inst, int index, boolean[] compiled, int[] budgets, Map<Integer, Uncompiled> uncompiled) {
        budgets[index] = budgets[index] == 0 ? SplitFunction.BUDGET : budgets[index] / 2;
        if (budgets[index] < SplitFunction.MIN_BUDGET) {
            compiled[index] = false;
            FunctionCompiler.INTERPRETED.merge("too big", 1, Integer::sum);
            uncompiled.put(
                    index,
                    uncompiled(inst, index, "an instruction over " + HUGE_METHOD_LIMIT + " bytes of bytecode", true));
        }
    }

    /**
     * The function a method ({@code f<index>}, {@code b<index>}, a body form {@code t<index>}, a
     * tail-call bridge {@code tb<index>} or a chunk {@code s<index>_<k>}) belongs to, or -1 if it
     * is no compiled function's.
     */
    private static int functionOf(String method, boolean[] compiled) {
        var m = java.util.regex.Pattern.compile("(?:[fbst]|tb)(\\d+)(_\\d+)?").matcher(method);
        if (m.matches()) {
            int index = Integer.parseInt(m.group(1));
            if (index < compiled.length && compiled[index]) {
                return index;
            }
        }
        return -1;
    }

    /**
     * The class (see {@link ClassDefiner}) of the functions {@code ctx} compiles, with {@code tier}
     * (the functions' call sites) its class data if it is one function's; {@code huge} gets the
     * functions too big for it.
     */
    private static JitCode generate(
            CompileContext ctx, Lowered[] lowered, int[] budgets, List<Integer> huge, ModuleTier tier)
            throws ReflectiveOperationException {
        boolean[] compiled = ctx.compiled();
        ctx.indirectTypes().clear();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < compiled.length; i++) {
            if (compiled[i]) {
                indexes.add(i);
            }
        }
        int chunks = (compiled.length >> CHUNK_BITS) + 1;
        return ClassDefiner.define(
                cv -> members(cv, ctx, lowered, budgets, huge, indexes, -1), mv -> invoke(mv, chunks), tier);
    }

    /**
     * The method handle of {@code code}'s entry {@code c<index>} of function {@code index} (of
     * {@code type}): the call's safepoint, then the function's method, as a call site's target.
     */
    static MethodHandle entry(JitCode code, int index, FuncType type) throws ReflectiveOperationException {
        return MethodHandles.lookup()
                .findStatic(
                        code.getClass(),
                        entryName(index),
                        MethodType.fromMethodDescriptorString(
                                FunctionCompiler.descriptor(type), ModuleCompiler.class.getClassLoader()));
    }

    private static String entryName(int index) {
        return "c" + index;
    }

    /** {@code static R c<index>(InstanceState, int depth, long...)}: see {@link #entry}. */
    private static void entryStub(ClassVisitor cw, int index, FuncType type, boolean meterFuel) {
        String desc = FunctionCompiler.descriptor(type);
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, entryName(index), desc, null, null);
        mv.visitCode();
        FunctionCompiler.safepoint(mv, meterFuel);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ILOAD, 1);
        for (int i = 0; i < Abi.jvmParams(type); i++) {
            mv.visitVarInsn(LLOAD, Emitter.local(i));
        }
        mv.visitMethodInsn(INVOKESTATIC, CLASS_NAME, FunctionCompiler.methodName(index), desc, false);
        int results = Abi.flat(type.results());
        mv.visitInsn(results == 0 ? RETURN : results == 1 ? LRETURN : ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * Function {@code index} of {@code inst} in a class of its own with its on-stack-replacement
     * entry ({@link SplitFunction#compileOsr}): a static method {@code (InstanceState, int depth,
     * long[] frame, int pc) long[]} that continues an interpreted call at a loop header. Its calls
     * of the functions in {@code module}'s class are linked to their methods there (the class is
     * the OSR class's class data, see {@link JitRuntime#linkCall}); its other calls go through
     * {@link JitRuntime}. Empty when the function cannot have one, or would be too big for HotSpot.
     */
    static Optional<MethodHandle> compileOsr(InstanceState inst, int index, boolean meterFuel, ModuleTier tier)
            throws ReflectiveOperationException {
        int n = inst.functions.length;
        Lowered fn = TierSupport.lowered((WasmFunctionInstance) inst.functions[index]);
        if (!SplitFunction.osrCapable(inst, index, fn)) {
            return Optional.empty();
        }
        boolean[] compiled = new boolean[n];
        compiled[index] = true;
        Lowered[] lowered = new Lowered[n];
        lowered[index] = fn;
        var ctx = new CompileContext(inst, compiled, meterFuel, new TreeSet<>(), true);
        var huge = new ArrayList<Integer>();
        JitCode code;
        try {
            code = ClassDefiner.define(
                    cv -> members(cv, ctx, lowered, new int[n], huge, List.of(index), index),
                    mv -> invoke(mv, (n >> CHUNK_BITS) + 1),
                    tier);
        } catch (MethodTooLargeException e) {
            return Optional.empty();
        }
        if (!huge.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(MethodHandles.lookup()
                .findStatic(
                        code.getClass(),
                        SplitFunction.osrMethodName(index),
                        MethodType.methodType(long[].class, InstanceState.class, int.class, long[].class, int.class)));
    }

    /**
     * Every static method: the functions, their bridges, the typed indirect calls, the dispatch;
     * function {@code osrIndex} (-1: none) split with its OSR entry, calling the functions
     * {@code linked} says are in the module's class there.
     */
    private static void members(
            ClassVisitor cw,
            CompileContext ctx,
            Lowered[] lowered,
            int[] budgets,
            List<Integer> huge,
            List<Integer> indexes,
            int osrIndex) {
        InstanceState inst = ctx.inst();
        boolean[] compiled = ctx.compiled();
        for (int i = 0; i < compiled.length; i++) {
            if (compiled[i]) {
                int size = i == osrIndex
                        ? SplitFunction.compileOsr(cw, ctx, i, lowered[i])
                        : budgets[i] == 0
                                ? FunctionCompiler.compile(cw, ctx, i, lowered[i])
                                : SplitFunction.compile(cw, ctx, i, lowered[i], budgets[i]);
                if (size > HUGE_METHOD_LIMIT) {
                    huge.add(i);
                }
                bridge(cw, i, inst.functions[i].type());
                if (ctx.linked() && i != osrIndex) {
                    entryStub(cw, i, inst.functions[i].type(), ctx.meterFuel());
                }
            }
        }
        for (int t : ctx.indirectTypes()) {
            IndirectCalls.emit(cw, ctx, t);
        }
        dispatch(cw, indexes, compiled.length);
        // invokeTail (the other JitCode method) and its per-chunk switches.
        TailDispatch.emit(cw, indexes, compiled.length);
    }

    /**
     * {@code static long[] b<index>(InstanceState inst, long[] args, int depth)}: the flat calling
     * convention, {@code depth} Wasm frames deep.
     */
    private static void bridge(ClassVisitor cw, int index, FuncType type) {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "b" + index, BRIDGE, null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ILOAD, 2);
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
    private static void dispatch(ClassVisitor cw, List<Integer> indexes, int functions) {
        String chunkDesc = "(IL" + FunctionCompiler.INST + ";[JI)[J";
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
                mv.visitVarInsn(ILOAD, 3);
                mv.visitMethodInsn(INVOKESTATIC, CLASS_NAME, "b" + keys[k], BRIDGE, false);
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
    }

    /** The body of {@link JitCode#invoke}: a switch on the chunk of the index, calling its {@code d<chunk>}. */
    private static void invoke(MethodVisitor mv, int chunks) {
        chunkSwitch(mv, chunks, "d", "(IL" + FunctionCompiler.INST + ";[JI)[J");
    }

    /**
     * A switch on the chunk of the function index in local 1: each case passes locals 1 to 4 to
     * {@code <prefix><chunk>} (descriptor {@code desc}) and returns its result; an index past the
     * chunks throws "not compiled".
     */
    static void chunkSwitch(MethodVisitor mv, int chunks, String prefix, String desc) {
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
            mv.visitMethodInsn(INVOKESTATIC, CLASS_NAME, prefix + c, desc, false);
            mv.visitInsn(ARETURN);
        }
        mv.visitLabel(dflt);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitMethodInsn(INVOKESTATIC, FunctionCompiler.RT, "notCompiled", "(I)Ljava/lang/RuntimeException;", false);
        mv.visitInsn(ATHROW);
    }
}
