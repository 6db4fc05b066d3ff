package dev.jwasm.bench.programs;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;

/**
 * Chicory (com.dylibso.chicory), the JVM runtime users compare with: its interpreter, or its
 * compiler to JVM bytecode ({@link MachineFactoryCompiler}), which compiles the module once in
 * {@link #prepare} so that each run only instantiates, as jwasm's JIT reuses its compiled module.
 * Both run GC proposal modules (structs and arrays as JVM objects) since Chicory 1.7.
 */
public final class ChicoryRunner implements WasmRunner {
    private final boolean compiled;
    private final KernelClock clock;
    private WasmModule module;
    private Function<Instance, Machine> machine;

    public ChicoryRunner(boolean compiled, KernelClock clock) {
        this.compiled = compiled;
        this.clock = clock;
    }

    @Override
    public void prepare(byte[] wasm) {
        module = Parser.parse(wasm);
        machine = compiled ? MachineFactoryCompiler.compile(module) : null;
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
                    .addFunction(
                            new HostFunction("bench", "start", FunctionType.empty(), (instance, args) -> {
                                clock.start();
                                return null;
                            }),
                            new HostFunction("bench", "end", FunctionType.empty(), (instance, args) -> {
                                clock.end();
                                return null;
                            }))
                    .build();
            var builder = Instance.builder(module).withImportValues(imports);
            if (machine != null) {
                builder.withMachineFactory(machine);
            }
            builder.build(); // runs _start
            return 0;
        } catch (WasiExitException exit) {
            return exit.exitCode();
        }
    }
}
