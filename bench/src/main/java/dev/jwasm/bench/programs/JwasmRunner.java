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

/** jwasm with the chosen executor and memory backends. */
public final class JwasmRunner implements WasmRunner {
    private final Engine engine;
    private WasmModule module;

    public JwasmRunner(String executor, String memory) {
        this.engine = Engine.builder().executor(executor).memory(memory).build();
    }

    @Override
    public void prepare(byte[] wasm) {
        module = WasmModule.decode(wasm).validate();
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
            var noArgs = FuncType.of(List.of(), List.of());
            var linker = new Linker()
                    .define("bench", "start", noArgs, args -> new long[0])
                    .define("bench", "end", noArgs, args -> new long[0]);
            WasiImports.instantiate(linker, store, module, wasi)
                    .function("_start")
                    .call();
            return 0;
        } catch (WasiExitException exit) {
            return exit.exitCode();
        }
    }
}
