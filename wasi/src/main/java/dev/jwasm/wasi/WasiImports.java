package dev.jwasm.wasi;

import dev.jwasm.api.Instance;
import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.LinearMemory;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

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
     * Defines the WASI functions in {@code linker}, all served by {@code wasi}.
     *
     * @param memory the memory WASI reads and writes: a program's exported {@code memory}, known
     *     only once it is instantiated, hence a supplier; a call before it exists is an error
     */
    public static Linker define(Linker linker, WasiPreview1 wasi, Supplier<LinearMemory> memory) {
        return define(linker, wasi, memory, null);
    }

    /**
     * {@link #define(Linker, WasiPreview1, Supplier)} whose calls (but the memory-free ones, which
     * touch no shared state) hold {@code lock}, when not null: the threads of a wasi-threads
     * program share one {@link WasiPreview1}, which is not thread-safe by itself.
     */
    static Linker define(Linker linker, WasiPreview1 wasi, Supplier<LinearMemory> memory, Object lock) {
        for (WasiFunction function : WasiFunctions.ALL) {
            var type = FuncType.of(wasmTypes(function.params()), wasmTypes(function.results()));
            boolean returns = !function.results().isEmpty();
            linker.define(WasiFunctions.MODULE, function.name(), type, args -> {
                LinearMemory mem = memory.get();
                if (mem == null && !MEMORY_FREE.contains(function.name())) {
                    throw new JwasmException("WASI function " + function.name()
                            + " was called before the program's memory existed (the module exports no \"memory\")");
                }
                long result;
                if (lock == null || MEMORY_FREE.contains(function.name())) {
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

    /**
     * Instantiates a WASI program: defines the WASI functions in {@code linker} (beside whatever
     * else it defines), instantiates {@code module}, and points WASI at its exported {@code memory}.
     * With {@link WasiConfig#threads()} on, a module importing {@code wasi} {@code thread-spawn}
     * becomes a threaded program instead ({@link WasiThreads}): WASI serves its imported shared
     * memory, and {@link WasiPreview1#threads()} runs its main call.
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
        var memory = new LinearMemory[1];
        define(linker, wasi, () -> memory[0]);
        Instance instance = linker.instantiate(store, module);
        if (instance.exportNames().contains("memory")) {
            memory[0] = instance.memory("memory");
        }
        return instance;
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
