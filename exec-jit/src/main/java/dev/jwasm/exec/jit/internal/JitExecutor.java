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
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.StoreState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Predicate;

/**
 * Runs Wasm functions as JVM bytecode. A module is compiled to one hidden class on the first call
 * into one of its instances, or when it is instantiated in eager mode; the functions the compiler
 * cannot handle (see {@link FunctionCompiler}) and every function of a module whose compilation
 * failed run on the interpreter instead (logged; never fatal), unless strict mode makes that an
 * error ({@link JitCompilationException}).
 *
 * <p>The tiers call each other both ways: compiled code calls interpreted functions through
 * {@link JitRuntime}, and the interpreter enters compiled code for the functions that have it
 * (this executor is its {@link CompiledTier}). Both count Wasm call depth across the tiers:
 * compiled calls nest on the JVM stack only up to {@link FunctionCompiler#MAX_JIT_DEPTH}, deeper
 * calls run on the interpreter's own stack up to the engine's call-depth limit.
 */
public final class JitExecutor implements Executor, CompiledTier {
    private final String name;
    private final int maxCallDepth;
    private final boolean meterFuel;
    private final boolean eager;
    private final boolean strict;
    private final JitListener listener;
    /** Functions left to the interpreter whatever the compiler could do (tests of the tiers' calls). */
    private final Predicate<WasmFunctionInstance> interpretOnly;
    /**
     * Generated code by module (keyed by a function body the module owns), dropped with it: one
     * class per shape of the instances' memories (see {@link MemoryShape}), usually just one.
     */
    private final Map<FunctionCode, List<Shaped>> modules = new WeakHashMap<>();

    /** A module's code for the instances whose memories have {@code shape}. */
    private record Shaped(MemoryShape shape, ModuleCode code) {}

    public JitExecutor(String name, EngineConfig config, JitListener listener) {
        this(name, config, listener, f -> false);
    }

    JitExecutor(String name, EngineConfig config, JitListener listener, Predicate<WasmFunctionInstance> interpretOnly) {
        this.name = name;
        this.maxCallDepth = config.maxCallDepth();
        this.meterFuel = config.consumeFuel();
        this.eager = config.jitEager();
        this.strict = config.jitStrict();
        this.listener = listener;
        this.interpretOnly = interpretOnly;
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
        if (eager) {
            module(instance);
        }
    }

    @Override
    public long[] invoke(WasmFunctionInstance function, long[] args) {
        try {
            return enter(function, args, 0);
        } catch (StackOverflowError e) {
            // Compiled Wasm calls recurse on the JVM stack: its overflow is Wasm's exhaustion trap.
            throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
        }
    }

    /**
     * Calls {@code w} with {@code depth} Wasm frames outside it: a function entry, so a
     * safepoint, then its compiled code, or the interpreter when it has none or the call is
     * nested too deep for the JVM stack.
     */
    long[] enter(WasmFunctionInstance w, long[] args, int depth) {
        InstanceState inst = w.instance();
        CompiledModule m = module(inst);
        if (m.isCompiled(w.index()) && depth < FunctionCompiler.MAX_JIT_DEPTH) {
            StoreState store = inst.store;
            if (meterFuel || store.stopRequested()) {
                JitRuntime.safepoint(store, meterFuel);
            }
            return m.code().invoke(w.index(), inst, args, depth);
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
        return module(function.instance()).isCompiled(function.index());
    }

    @Override
    public long[] call(WasmFunctionInstance function, long[] args, int depth) {
        InstanceState inst = function.instance();
        return CompiledModule.of(inst).code().invoke(function.index(), inst, args, depth);
    }

    /**
     * The compiled form of {@code inst}, compiling its module on first use. The generated code
     * depends only on the module and its memories' classes (everything else instance-specific
     * is read from the {@code InstanceState} argument), so the instances of a module with the
     * same memory backend share one class.
     *
     * @throws JitCompilationException in strict mode, if a function cannot be compiled
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
            ModuleCode code;
            if (key == null) {
                code = new ModuleCode(null, new boolean[inst.functions.length], List.of());
            } else {
                code = null;
                synchronized (modules) {
                    for (Shaped s : modules.getOrDefault(key, List.of())) {
                        if (s.shape().fits(inst)) {
                            code = s.code();
                        }
                    }
                }
                if (code == null) {
                    code = ModuleCompiler.compile(inst, meterFuel, interpretOnly);
                    listener.moduleCompiled(code.compiledCount(), code.uncompiled());
                    if (strict) {
                        for (Uncompiled u : code.uncompiled()) {
                            if (!listener.tolerated(u)) {
                                throw new JitCompilationException(u);
                            }
                        }
                    }
                    var shaped = new Shaped(MemoryShape.of(inst), code);
                    synchronized (modules) {
                        modules.computeIfAbsent(key, k -> new ArrayList<>()).add(shaped);
                    }
                }
            }
            CompiledModule m = new CompiledModule(this, code.code(), code.compiled());
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
