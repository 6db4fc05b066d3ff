package dev.jwasm.wasi;

import dev.jwasm.api.Instance;
import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.spi.LinearMemory;
import java.util.List;
import java.util.Set;

/**
 * Binds every {@code wasi_snapshot_preview1} function of {@link WasiFunctions#ALL} into a
 * {@link Linker}, so that a module importing them can be instantiated.
 */
public final class WasiImports {
    private WasiImports() {}

    /**
     * The functions that read and write no guest memory, so that a program without a memory
     * (a bare {@code proc_exit(7)}, say) may still call them.
     */
    private static final Set<String> MEMORY_FREE = Set.of("proc_exit", "proc_raise", "sched_yield");

    /**
     * Defines the WASI functions in {@code linker}, all served by {@code wasi}. Each call reads and
     * writes the memory its calling instance exports as {@code memory}, as WASI specifies; a call
     * that needs memory from a program that exports none is an error.
     */
    public static Linker define(Linker linker, WasiPreview1 wasi) {
        for (WasiFunction function : WasiFunctions.ALL) {
            var type = FuncType.of(wasmTypes(function.params()), wasmTypes(function.results()));
            boolean returns = !function.results().isEmpty();
            boolean needsMemory = !MEMORY_FREE.contains(function.name());
            linker.define(WasiFunctions.MODULE, function.name(), type, (caller, args) -> {
                LinearMemory mem = needsMemory ? memoryOf(caller, function.name()) : null;
                long result = function.invoker().invoke(wasi, mem, args);
                return returns ? new long[] {result} : new long[0];
            });
        }
        return linker;
    }

    /** The caller's exported {@code memory}, which WASI functions read their arguments from. */
    private static LinearMemory memoryOf(Instance caller, String function) {
        if (caller == null) {
            throw new JwasmException(
                    "WASI function " + function + " needs a calling Wasm instance's memory; it was called from Java");
        }
        if (!caller.exportNames().contains("memory")) {
            throw new JwasmException(
                    "WASI function " + function + " needs the calling module's memory, but it exports no \"memory\"");
        }
        return Internals.memory(caller.memory("memory"));
    }

    /**
     * Instantiates a WASI program: defines the WASI functions in {@code linker} (beside whatever
     * else it defines) and instantiates {@code module} with them.
     */
    public static Instance instantiate(Linker linker, Store store, WasmModule module, WasiPreview1 wasi) {
        define(linker, wasi);
        return linker.instantiate(store, module);
    }

    private static List<ValType> wasmTypes(List<WasiFunction.ValType> types) {
        return types.stream()
                .map(t -> switch (t) {
                    case I32 -> ValType.I32;
                    case I64 -> ValType.I64;
                })
                .toList();
    }
}
