package dev.jwasm.bench.gc;

import dev.jwasm.api.Engine;
import dev.jwasm.api.ExportedFunction;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.WasmModule;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.spi.GcHeap;
import dev.jwasm.spi.GcHeapStats;

/**
 * jwasm with one executor, the heap memory and the engine's GC backend (gc-arena). One engine
 * serves the whole trial, so the JIT compiles the module once.
 */
final class JwasmGcRuntime implements GcRuntime {
    private final Engine engine;
    private WasmModule module;

    JwasmGcRuntime(String executor) {
        this.engine = Engine.builder().executor(executor).memory("heap").build();
    }

    @Override
    public void prepare(byte[] wasm) {
        module = engine.decode(wasm).validate();
    }

    @Override
    public Run instantiate() {
        var store = new Store(engine);
        ExportedFunction run = new Linker().instantiate(store, module).function("run");
        return new Run() {
            @Override
            public long run(long... args) {
                return run.call(args)[0];
            }

            @Override
            public GcHeapStats heapStats() {
                // The benchmarks are no JPMS module, so they read the store's heap as jwasm's own modules do.
                GcHeap heap = Internals.state(store).gcHeapIfPresent();
                return heap == null ? new GcHeapStats(0, 0, 0, 0, 0) : heap.stats();
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }
}
