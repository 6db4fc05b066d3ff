package dev.jwasm.exec.jit.internal;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.exec.interp.internal.Machine;
import dev.jwasm.spi.Executor;
import dev.jwasm.spi.runtime.FunctionCode;
import dev.jwasm.spi.runtime.FunctionInstance;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.StoreState;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Runs Wasm functions as JVM bytecode. An instance is compiled to one hidden class on the first
 * call into it; the functions the compiler cannot handle (see {@link FunctionCompiler}) and every
 * function of an instance whose compilation failed run on the interpreter instead, so compilation
 * is never fatal.
 */
public final class JitExecutor implements Executor {
    private final String name;
    private final int maxCallDepth;
    private final boolean meterFuel;
    /** Generated code by module (keyed by a function body the module owns), dropped with it. */
    private final Map<FunctionCode, ModuleCode> modules = new WeakHashMap<>();

    public JitExecutor(String name, int maxCallDepth, boolean meterFuel) {
        this.name = name;
        this.maxCallDepth = maxCallDepth;
        this.meterFuel = meterFuel;
    }

    @Override
    public String name() {
        return name;
    }

    boolean meterFuel() {
        return meterFuel;
    }

    @Override
    public long[] invoke(WasmFunctionInstance function, long[] args) {
        try {
            return enter(function, args);
        } catch (StackOverflowError e) {
            // Compiled Wasm calls recurse on the JVM stack: its overflow is Wasm's exhaustion trap.
            throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
        }
    }

    /** Calls {@code w}: a function entry, so a safepoint, then its compiled or interpreted code. */
    long[] enter(WasmFunctionInstance w, long[] args) {
        InstanceState inst = w.instance();
        CompiledModule m = module(inst);
        if (m.isCompiled(w.index())) {
            StoreState store = inst.store;
            if (meterFuel || store.stopRequested()) {
                JitRuntime.safepoint(store, meterFuel);
            }
            return m.code().invoke(w.index(), inst, args);
        }
        // The interpreter takes its own function-entry safepoint.
        return interpret(w, args);
    }

    /** Runs {@code w} and everything it calls on a fresh interpreter. */
    long[] interpret(WasmFunctionInstance w, long[] args) {
        return new Machine(maxCallDepth, meterFuel).invoke(w, args);
    }

    /**
     * The compiled form of {@code inst}, compiling its module on first use. The generated code
     * depends only on the module (everything instance-specific is read from the {@code
     * InstanceState} argument), so every instance of a module shares one class.
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
                code = new ModuleCode(null, new boolean[inst.functions.length]);
            } else {
                synchronized (modules) {
                    code = modules.get(key);
                }
                if (code == null) {
                    code = ModuleCompiler.compile(inst, meterFuel);
                    synchronized (modules) {
                        modules.put(key, code);
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
