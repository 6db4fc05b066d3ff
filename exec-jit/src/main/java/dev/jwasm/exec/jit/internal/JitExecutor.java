package dev.jwasm.exec.jit.internal;

import dev.jwasm.api.EngineConfig;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.exec.interp.internal.CompiledTier;
import dev.jwasm.exec.interp.internal.Machine;
import dev.jwasm.exec.jit.JitCompilationException;
import dev.jwasm.exec.jit.JitListener;
import dev.jwasm.exec.jit.Uncompiled;
import dev.jwasm.spi.Executor;
import dev.jwasm.spi.runtime.FunctionCode;
import dev.jwasm.spi.runtime.FunctionInstance;
import dev.jwasm.spi.runtime.GcRootStack;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.StoreState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Predicate;

/**
 * Runs Wasm functions as JVM bytecode, tiered: a module starts on the interpreter, which counts
 * the calls of each function ({@link #runs}) and reports hot loops ({@link #loopHot}); once a
 * function passes the threshold ({@link EngineConfig#jitThreshold}) it alone is compiled, to a
 * hidden class of its own, on a background thread ({@link CompileQueue}), and published to every
 * instance of its module ({@link ModuleTier}): the interpreter enters it from its next call on,
 * and compiled callers reach it through its call site, which then targets it. A loop still
 * running in an interpreted frame continues in compiled code at its header: the function's OSR
 * entry is compiled (again in the background) and takes over the interpreter's frame.
 *
 * <p>Eager mode instead compiles the whole module to one class at instantiation, threshold 0 and
 * strict mode at the first call, on the calling thread: what tests of the compiled code want
 * (every function compiled, before anything runs).
 *
 * <p>The functions the compiler cannot handle (see {@link FunctionCompiler}) and every function of
 * a module whose compilation failed run on the interpreter (logged; never fatal), unless strict
 * mode makes that an error ({@link JitCompilationException}).
 *
 * <p>The tiers call each other both ways: compiled code calls interpreted functions through
 * {@link JitRuntime}, and the interpreter enters compiled code for the functions that have it
 * (this executor is its {@link CompiledTier}). Both count Wasm call depth across the tiers:
 * compiled calls nest on the JVM stack only up to {@link FunctionCompiler#MAX_JIT_DEPTH}, deeper
 * calls run on the interpreter's own stack up to the engine's call-depth limit.
 */
public final class JitExecutor implements Executor, CompiledTier {
    private static final System.Logger LOG = System.getLogger(JitExecutor.class.getName());
    /** Back-edges per call of the threshold: a loop iteration is cheaper than a call. */
    private static final int BACK_EDGES_PER_CALL = 10;

    /** What compiles a module (a test replaces it to make compilation fail). */
    @FunctionalInterface
    interface Backend {
        /**
         * Compiles {@code inst}'s module (with {@code functions} and {@code tier} null) or only
         * {@code functions} of it, linked to the other functions through {@code tier}'s call
         * sites (see {@link ModuleCompiler#compile(InstanceState, boolean, Predicate, int[],
         * ModuleTier)}).
         */
        ModuleCode compile(
                InstanceState inst,
                boolean meterFuel,
                Predicate<WasmFunctionInstance> interpretOnly,
                int[] functions,
                ModuleTier tier);
    }

    private final String name;
    private final int maxCallDepth;
    private final boolean meterFuel;
    private final boolean eager;
    private final boolean strict;
    private final int threshold;
    /** Whether a hot module compiles on the background thread (else on the thread that finds it hot). */
    private final boolean background;
    /** Whether each hot function is compiled alone (else the whole module at once). */
    private final boolean perFunction;

    private final int backEdgeInterval;
    private final JitListener listener;
    /** Functions left to the interpreter whatever the compiler could do (tests of the tiers' calls). */
    private final Predicate<WasmFunctionInstance> interpretOnly;

    private final Backend backend;
    /**
     * Tiering state by module (keyed by a function body the module owns), dropped with it: one
     * per shape of the instances' memories (see {@link MemoryShape}; the generated class calls
     * the memories' concrete classes), usually just one.
     */
    private final Map<FunctionCode, List<Shaped>> modules = new WeakHashMap<>();

    /** A module's tier for the instances whose memories have {@code shape}. */
    private record Shaped(MemoryShape shape, ModuleTier tier) {}

    public JitExecutor(String name, EngineConfig config, JitListener listener) {
        this(name, config, listener, f -> false, ModuleCompiler::compile, true);
    }

    JitExecutor(String name, EngineConfig config, JitListener listener, Predicate<WasmFunctionInstance> interpretOnly) {
        this(name, config, listener, interpretOnly, ModuleCompiler::compile, true);
    }

    /**
     * With {@code background} false a module compiles on the thread whose call or loop makes it
     * hot, so that a test knows when it happens.
     */
    JitExecutor(
            String name,
            EngineConfig config,
            JitListener listener,
            Predicate<WasmFunctionInstance> interpretOnly,
            Backend backend,
            boolean background) {
        this.name = name;
        this.maxCallDepth = config.maxCallDepth();
        this.meterFuel = config.consumeFuel();
        this.eager = config.jitEager();
        this.strict = config.jitStrict();
        // Strict mode is for proving code runs compiled, and its error must reach the caller:
        // it compiles before the first call, on the calling thread.
        this.threshold = strict ? 0 : config.jitThreshold();
        this.background = background && threshold > 0;
        this.perFunction = !eager && threshold > 0;
        this.backEdgeInterval = (int) Math.min(Integer.MAX_VALUE, Math.max(1L, (long) threshold * BACK_EDGES_PER_CALL));
        this.listener = listener;
        this.interpretOnly = interpretOnly;
        this.backend = backend;
    }

    @Override
    public String name() {
        return name;
    }

    boolean meterFuel() {
        return meterFuel;
    }

    @Override
    public void instantiated(InstanceState instance) {
        CompiledModule m = module(instance);
        if (eager && m.tier().claim()) {
            compile(m.tier(), instance);
        }
    }

    @Override
    public long[] invoke(WasmFunctionInstance function, long[] args) {
        // A trap or exception leaving compiled frames leaves their spilled references (GcSpill).
        GcRootStack roots = function.instance().store.rootStack();
        int mark = roots.top();
        try {
            return enter(function, args, 0);
        } catch (StackOverflowError e) {
            // Compiled Wasm calls recurse on the JVM stack: its overflow is Wasm's exhaustion trap.
            throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
        } finally {
            roots.popTo(mark);
        }
    }

    /**
     * Calls {@code w} with {@code depth} Wasm frames outside it: a function entry, so a
     * safepoint, then its compiled code, or the interpreter when it has none (the call counts
     * towards compiling it) or the call is nested too deep for the JVM stack.
     */
    long[] enter(WasmFunctionInstance w, long[] args, int depth) {
        InstanceState inst = w.instance();
        CompiledModule m = module(inst);
        if (depth < FunctionCompiler.MAX_JIT_DEPTH && (m.isCompiled(w.index()) || hot(m, w))) {
            StoreState store = inst.store;
            if (meterFuel || store.stopRequested()) {
                JitRuntime.safepoint(store, meterFuel);
            }
            return m.code(w.index()).invoke(w.index(), inst, args, depth);
        }
        // The interpreter takes its own function-entry safepoint.
        return interpret(w, args, depth);
    }

    /**
     * Runs {@code w} on a fresh interpreter, {@code depth} Wasm frames deep; what it calls enters
     * compiled code where there is some.
     */
    long[] interpret(WasmFunctionInstance w, long[] args, int depth) {
        return new Machine(maxCallDepth, meterFuel, this, depth).invoke(w, args);
    }

    @Override
    public int maxDepth() {
        return FunctionCompiler.MAX_JIT_DEPTH;
    }

    @Override
    public boolean runs(WasmFunctionInstance function) {
        CompiledModule m = module(function.instance());
        return m.isCompiled(function.index()) || hot(m, function);
    }

    @Override
    public long[] call(WasmFunctionInstance function, long[] args, int depth) {
        InstanceState inst = function.instance();
        // The interpreter may catch an exception that leaves compiled frames' spills behind.
        GcRootStack roots = inst.store.rootStack();
        int mark = roots.top();
        try {
            return CompiledModule.of(inst).code(function.index()).invoke(function.index(), inst, args, depth);
        } finally {
            roots.popTo(mark);
        }
    }

    @Override
    public int backEdgeInterval() {
        return backEdgeInterval;
    }

    /**
     * A hot loop of an interpreted frame: compiles the function (or its module) if it is not yet,
     * then the function's OSR entry, and once there is one runs the rest of the call on it.
     */
    @Override
    public long[] loopHot(WasmFunctionInstance function, long[] frame, int pc, int depth) {
        InstanceState inst = function.instance();
        CompiledModule m = module(inst);
        ModuleTier tier = m.tier();
        int index = function.index();
        if (perFunction) {
            if (!m.isCompiled(index)) {
                request(tier, inst, index);
            }
        } else if (tier.code() == null) {
            request(tier, inst);
        }
        if (!m.isCompiled(index) || depth >= FunctionCompiler.MAX_JIT_DEPTH) {
            return null;
        }
        Optional<MethodHandle> entry = tier.osr(index);
        if (entry == null && tier.claimOsr(index)) {
            Runnable task = () -> compileOsr(tier, inst, index);
            if (!background) {
                task.run();
            } else if (!CompileQueue.submit(task)) {
                tier.unclaimOsr(index);
            }
            entry = tier.osr(index);
        }
        if (entry == null || entry.isEmpty()) {
            return null;
        }
        listener.loopEntered(index, pc);
        try {
            return (long[]) entry.get().invokeExact(inst, depth, frame, pc);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // The generated code throws nothing checked.
            throw new IllegalStateException(e);
        }
    }

    /** Counts a call of {@code w}; whether it has compiled code now (compiled on this thread). */
    private boolean hot(CompiledModule m, WasmFunctionInstance w) {
        ModuleTier tier = m.tier();
        int index = w.index();
        if (perFunction) {
            if (tier.called(index, threshold)) {
                request(tier, w.instance(), index);
                return m.isCompiled(index);
            }
            return false;
        }
        if (tier.code() == null && tier.called(index, threshold)) {
            request(tier, w.instance());
            return m.isCompiled(index);
        }
        return false;
    }

    /** Has function {@code index} compiled once: queued, or right here when not in the background. */
    private void request(ModuleTier tier, InstanceState inst, int index) {
        if (!tier.claim(index)) {
            return;
        }
        int[] functions = {index};
        if (!background) {
            compile(tier, inst, functions);
        } else if (!CompileQueue.submit(() -> compile(tier, inst, functions))) {
            tier.unclaim(index);
        }
    }

    /**
     * Compiles {@code functions} into a class of their own and publishes each: the interpreter
     * and their call sites enter it from now on. A failure leaves them interpreted, never retried.
     */
    private void compile(ModuleTier tier, InstanceState inst, int[] functions) {
        long start = System.nanoTime();
        ModuleCode code;
        var done = new ArrayList<Integer>();
        try {
            code = backend.compile(inst, meterFuel, interpretOnly, functions, tier);
            if (code.code() != null) {
                var entries = new MethodHandle[functions.length];
                for (int k = 0; k < functions.length; k++) {
                    if (code.compiled()[functions[k]]) {
                        entries[k] =
                                ModuleCompiler.entry(code.code(), functions[k], inst.functions[functions[k]].type());
                    }
                }
                for (int k = 0; k < functions.length; k++) {
                    if (entries[k] != null) {
                        tier.installFunction(functions[k], code.code(), entries[k]);
                        done.add(functions[k]);
                    }
                }
            }
        } catch (RuntimeException | LinkageError | ReflectiveOperationException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "JIT compilation failed; interpreting " + Arrays.toString(functions),
                    e);
            code = new ModuleCode(null, new boolean[inst.functions.length], List.of());
        }
        if (ModuleCompiler.VERBOSE) {
            System.err.printf(
                    "jwasm jit: functions %s compiled in %d ms on %s%n",
                    done,
                    (System.nanoTime() - start) / 1_000_000,
                    Thread.currentThread().getName());
        }
        listener.functionsCompiled(List.copyOf(done), code.uncompiled());
    }

    /** Has the module compiled once: queued, or right here when not in the background. */
    private void request(ModuleTier tier, InstanceState inst) {
        if (!tier.claim()) {
            return;
        }
        if (!background) {
            compile(tier, inst);
        } else if (!CompileQueue.submit(() -> compile(tier, inst))) {
            tier.unclaim();
        }
    }

    /**
     * Compiles the module and publishes its code. Never throws, but in strict mode when a function
     * is not compiled ({@link JitCompilationException}; the module stays uncompiled, and the next
     * hot call tries again).
     */
    private void compile(ModuleTier tier, InstanceState inst) {
        long start = System.nanoTime();
        ModuleCode code;
        try {
            code = backend.compile(inst, meterFuel, interpretOnly, null, null);
        } catch (RuntimeException | LinkageError e) {
            // A bug in the compiler: the module stays on the interpreter.
            LOG.log(System.Logger.Level.WARNING, "JIT compilation failed; interpreting the module", e);
            code = new ModuleCode(null, new boolean[inst.functions.length], List.of());
        }
        if (ModuleCompiler.VERBOSE) {
            System.err.printf(
                    "jwasm jit: module compiled in %d ms on %s%n",
                    (System.nanoTime() - start) / 1_000_000,
                    Thread.currentThread().getName());
        }
        if (strict) {
            for (Uncompiled u : code.uncompiled()) {
                if (!listener.tolerated(u)) {
                    listener.moduleCompiled(code.compiledCount(), code.uncompiled());
                    tier.unclaim();
                    throw new JitCompilationException(u);
                }
            }
        }
        // Published before the listener hears of it: a listener that waits for it may rely on it.
        tier.install(code);
        listener.moduleCompiled(code.compiledCount(), code.uncompiled());
    }

    /** Compiles function {@code index}'s OSR entry; a failure leaves its loops interpreted. */
    private void compileOsr(ModuleTier tier, InstanceState inst, int index) {
        long start = System.nanoTime();
        Optional<MethodHandle> entry;
        try {
            entry = ModuleCompiler.compileOsr(inst, index, meterFuel, tier);
        } catch (RuntimeException | LinkageError | ReflectiveOperationException e) {
            LOG.log(System.Logger.Level.WARNING, "JIT: OSR entry of function " + index + " failed; interpreting", e);
            entry = Optional.empty();
        }
        if (ModuleCompiler.VERBOSE) {
            System.err.printf(
                    "jwasm jit: function %d: %s in %d ms%n",
                    index,
                    entry.isPresent() ? "OSR entry compiled" : "no OSR entry",
                    (System.nanoTime() - start) / 1_000_000);
        }
        tier.installOsr(index, entry);
    }

    /**
     * The JIT's state in {@code inst}, made on first use: every instance of a module whose
     * memories have the same classes shares its {@link ModuleTier}, so one compilation serves them
     * all (the generated code depends only on the module and its memories' classes: everything
     * else instance-specific is read from the {@code InstanceState} argument).
     */
    CompiledModule module(InstanceState inst) {
        if (inst.compiledModule() instanceof CompiledModule m) {
            return m;
        }
        synchronized (inst) {
            if (inst.compiledModule() instanceof CompiledModule m) {
                return m;
            }
            FunctionCode key = firstDefined(inst);
            ModuleTier tier;
            if (key == null) {
                tier = ModuleTier.empty(inst);
            } else {
                synchronized (modules) {
                    List<Shaped> shapes = modules.computeIfAbsent(key, k -> new ArrayList<>());
                    tier = null;
                    for (Shaped sh : shapes) {
                        if (sh.shape().fits(inst)) {
                            tier = sh.tier();
                        }
                    }
                    if (tier == null) {
                        tier = new ModuleTier(inst);
                        shapes.add(new Shaped(MemoryShape.of(inst), tier));
                    }
                }
            }
            CompiledModule m = new CompiledModule(this, tier);
            inst.compiledModule(m);
            return m;
        }
    }

    /** The code of the instance's first own function: it identifies the module. */
    private static FunctionCode firstDefined(InstanceState inst) {
        for (FunctionInstance f : inst.functions) {
            if (f instanceof WasmFunctionInstance w && w.instance() == inst) {
                return w.code();
            }
        }
        return null;
    }
}
