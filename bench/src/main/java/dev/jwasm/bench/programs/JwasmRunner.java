package dev.jwasm.bench.programs;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.wasi.WasiConfig;
import dev.jwasm.wasi.WasiExitException;
import dev.jwasm.wasi.WasiImports;
import dev.jwasm.wasi.WasiPreview1;
import java.io.OutputStream;
import java.util.List;

/**
 * jwasm with the chosen executor and memory backends, through {@link WasiImports#instantiate}, the
 * same path {@code jwasm run} takes. One engine serves every run, so the JIT's compiled module is
 * reused from the second run on, as an embedder running a program repeatedly would see it.
 */
public final class JwasmRunner implements WasmRunner {
    private static final FuncType NO_ARGS = FuncType.of(List.of(), List.of());

    private final Engine engine;
    private final KernelClock clock;
    private WasmModule module;

    public JwasmRunner(String executor, String memory, KernelClock clock) {
        this.engine = Engine.builder().executor(executor).memory(memory).build();
        this.clock = clock;
    }

    @Override
    public void prepare(byte[] wasm) {
        module = engine.decode(wasm).validate();
    }

    @Override
    public int run() {
        var config = WasiConfig.builder()
                .arg("benchmark")
                .stdout(OutputStream.nullOutputStream())
                .stderr(OutputStream.nullOutputStream())
                .build();
        try (var store = new Store(engine);
                var wasi = new WasiPreview1(config)) {
            var linker = new Linker()
                    .define("bench", "start", NO_ARGS, args -> {
                        clock.start();
                        return new long[0];
                    })
                    .define("bench", "end", NO_ARGS, args -> {
                        clock.end();
                        return new long[0];
                    });
            var instance = WasiImports.instantiate(linker, store, module, wasi);
            if (instance.exportNames().contains("_start")) {
                instance.function("_start").call();
            }
            return 0;
        } catch (WasiExitException exit) {
            return exit.exitCode();
        }
    }
}
