package dev.jwasm.exec.jit.internal;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.WasmModule;
import dev.jwasm.exec.jit.JitProvider;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import dev.jwasm.wat.Wat;

/** Instantiates WAT modules on the JIT and says which functions it compiled. */
final class Jit {
    private Jit() {}

    static Engine engine(boolean fuel) {
        return Engine.builder()
                .memory(new HeapMemoryProvider())
                .executor(new JitProvider())
                .consumeFuel(fuel)
                .build();
    }

    static Instance instance(String wat) {
        return instance(new Store(engine(false)), wat);
    }

    static Instance instance(Store store, String wat) {
        return new Linker().instantiate(store, WasmModule.decode(Wat.toBinary(wat)));
    }

    /** Whether the export runs as JVM bytecode (true) or on the interpreter; calls it first if needed. */
    static boolean compiled(Instance inst, String export) {
        var f = (WasmFunctionInstance) Internals.function(inst.function(export));
        var module = CompiledModule.of(f.instance());
        if (module == null) {
            throw new IllegalStateException("instance not compiled yet: call a function first");
        }
        return module.isCompiled(f.index());
    }
}
