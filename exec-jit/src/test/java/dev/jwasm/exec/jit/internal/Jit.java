package dev.jwasm.exec.jit.internal;

import dev.jwasm.api.Engine;
import dev.jwasm.api.EngineConfig;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.WasmModule;
import dev.jwasm.exec.jit.JitListener;
import dev.jwasm.exec.jit.JitProvider;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.spi.Executor;
import dev.jwasm.spi.ExecutorProvider;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import dev.jwasm.wat.Wat;
import java.util.function.Function;
import java.util.function.Predicate;

/** Instantiates WAT modules on the JIT and says which functions it compiled. */
final class Jit {
    private Jit() {}

    static Engine engine(boolean fuel) {
        return Engine.builder()
                .memory(new HeapMemoryProvider())
                .executor(new JitProvider())
                .consumeFuel(fuel)
                // Compiled at the first call: these tests are about the compiled code.
                .jitThreshold(0)
                .build();
    }

    static Instance instance(String wat) {
        return instance(new Store(engine(false)), wat);
    }

    static Instance instance(Store store, String wat) {
        return new Linker().instantiate(store, WasmModule.decode(Wat.toBinary(wat)));
    }

    /**
     * A JIT provider whose executors leave the functions {@code interpretOnly} selects to the
     * interpreter, as if it could not compile them, and tell {@code listener}.
     */
    static ExecutorProvider provider(Predicate<WasmFunctionInstance> interpretOnly, JitListener listener) {
        return provider(config -> new JitExecutor(JitProvider.NAME, config, listener, interpretOnly));
    }

    /** A provider named as the JIT's whose executors {@code create} makes (a test's own setup). */
    static ExecutorProvider provider(Function<EngineConfig, Executor> create) {
        return new ExecutorProvider() {
            @Override
            public String name() {
                return JitProvider.NAME;
            }

            @Override
            public int priority() {
                return 0;
            }

            @Override
            public Executor create(EngineConfig config) {
                return create.apply(config);
            }
        };
    }

    /** Whether function {@code f}'s name-section name starts with {@code prefix}. */
    static boolean named(WasmFunctionInstance f, String prefix) {
        return f.instance().functionNames().getOrDefault(f.index(), "").startsWith(prefix);
    }

    /** Whether the export runs as JVM bytecode (true) or on the interpreter; calls it first if needed. */
    static boolean compiled(Instance inst, String export) {
        var f = (WasmFunctionInstance) Internals.function(inst.function(export));
        var module = CompiledModule.of(f.instance());
        if (module == null || module.tier().code() == null) {
            throw new IllegalStateException("instance not compiled yet: call a function first");
        }
        return module.isCompiled(f.index());
    }

    /** Starts a thread that interrupts {@code store} after {@code millis} ms; join it to see it did. */
    static Thread interruptAfter(Store store, long millis) {
        return Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.interrupt();
        });
    }

    /** The function index of export {@code export}. */
    static int index(Instance inst, String export) {
        return ((WasmFunctionInstance) Internals.function(inst.function(export))).index();
    }

    /**
     * The class the module of export {@code export} was compiled to in one piece (eager mode),
     * once it was.
     */
    static Class<?> moduleClass(Instance inst, String export) {
        var f = (WasmFunctionInstance) Internals.function(inst.function(export));
        return CompiledModule.of(f.instance()).tier().code().code().getClass();
    }
}
