package dev.jwasm.wasi;

import dev.jwasm.api.Instance;
import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Memory;
import dev.jwasm.api.Store;
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

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
        return define(linker, wasi, WasiImports::memoryOf, null);
    }

    /**
     * {@link #define(Linker, WasiPreview1)} reading memory through {@code memory} (given the caller
     * and the function's name), and whose calls (but the memory-free ones, which touch no shared
     * state) hold {@code lock}, when not null: the threads of a wasi-threads program share one
     * {@link WasiPreview1}, which is not thread-safe by itself, and one imported shared memory.
     */
    static Linker define(Linker linker, WasiPreview1 wasi, BiFunction<Instance, String, Memory> memory, Object lock) {
        for (WasiFunction function : WasiFunctions.ALL) {
            var type = FuncType.of(wasmTypes(function.params()), wasmTypes(function.results()));
            boolean returns = !function.results().isEmpty();
            boolean needsMemory = !MEMORY_FREE.contains(function.name());
            linker.define(WasiFunctions.MODULE, function.name(), type, (caller, args) -> {
                Memory mem = needsMemory ? memory.apply(caller, function.name()) : null;
                long result;
                if (lock == null || !needsMemory) {
                    result = function.invoker().invoke(wasi, mem, args);
                } else {
                    synchronized (lock) {
                        result = function.invoker().invoke(wasi, mem, args);
                    }
                }
                return returns ? new long[] {result} : new long[0];
            });
        }
        return linker;
    }

    /** The caller's exported {@code memory}, which WASI functions read their arguments from. */
    private static Memory memoryOf(Instance caller, String function) {
        if (caller == null) {
            throw new JwasmException(
                    "WASI function " + function + " needs a calling Wasm instance's memory; it was called from Java");
        }
        if (!caller.exportNames().contains("memory")) {
            throw new JwasmException(
                    "WASI function " + function + " needs the calling module's memory, but it exports no \"memory\"");
        }
        return caller.memory("memory");
    }

    /**
     * Instantiates a WASI program: defines the WASI functions in {@code linker} (beside whatever
     * else it defines) and instantiates {@code module} with them. With {@link WasiConfig#threads()}
     * on, a module importing {@code wasi} {@code thread-spawn} becomes a threaded program instead
     * ({@link WasiThreads}): WASI serves its imported shared memory, and {@link
     * WasiPreview1#threads()} runs its main call.
     */
    public static Instance instantiate(Linker linker, Store store, WasmModule module, WasiPreview1 wasi) {
        if (wasi.threadsEnabled() && WasiThreads.importsSpawn(module)) {
            if (wasi.threads().isPresent()) {
                throw new IllegalStateException("this WASI context already runs a threaded program");
            }
            var threads = new WasiThreads(store.engine(), module, linker, wasi);
            wasi.attach(threads);
            return threads.instantiateMain(store);
        }
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
