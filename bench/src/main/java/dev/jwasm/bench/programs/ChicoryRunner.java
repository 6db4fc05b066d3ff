package dev.jwasm.bench.programs;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.io.OutputStream;
import java.util.List;

/** Chicory's interpreter (com.dylibso.chicory:runtime), the baseline the issues measure against. */
public final class ChicoryRunner implements WasmRunner {
    private WasmModule module;

    @Override
    public void prepare(byte[] wasm) {
        module = Parser.parse(wasm);
    }

    @Override
    public int run() {
        var options = WasiOptions.builder()
                .withStdout(OutputStream.nullOutputStream())
                .withStderr(OutputStream.nullOutputStream())
                .withArguments(List.of("benchmark"))
                .build();
        try (var wasi = WasiPreview1.builder().withOptions(options).build()) {
            var imports = ImportValues.builder()
                    .addFunction(wasi.toHostFunctions())
                    .addFunction(noOp("start"), noOp("end"))
                    .build();
            Instance.builder(module).withImportValues(imports).build();
            return 0;
        } catch (WasiExitException exit) {
            return exit.exitCode();
        }
    }

    private static HostFunction noOp(String name) {
        return new HostFunction("bench", name, FunctionType.empty(), (instance, args) -> null);
    }
}
