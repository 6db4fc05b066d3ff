package dev.jwasm.bench.startup;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import dev.jwasm.api.Engine;
import dev.jwasm.api.Store;
import dev.jwasm.api.WasmModule;
import dev.jwasm.bench.programs.BenchPrograms;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up of the largest program (sightglass/gcc-loops), in ms, each operation from its bytes on a
 * fresh engine, so nothing compiled earlier is reused:
 *
 * <ul>
 *   <li>{@code instantiate}: instantiation alone, of a module decoded (and, for Chicory's compiler,
 *       compiled) beforehand: memory, data segments, tables, globals;
 *   <li>{@code firstHostCall}: decode + validate + compile + instantiate + run {@code _start} until
 *       the program's first call out of Wasm, the time an embedder waits for a program's first
 *       output. jwasm's JIT starts a module on the interpreter and compiles it in the background
 *       once it is hot ({@code jwasm-jit-*}); {@code jwasm-jiteager-*} compiles it at
 *       instantiation, so that figure minus the interpreter's is its compile time;
 * </ul>
 *
 * {@link ChicoryCompileBenchmark} measures Chicory's compiler alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class StartupBenchmark {
    @Param({"chicory-interp", "chicory-compiler", "jwasm-interp-mmap", "jwasm-jit-mmap", "jwasm-jiteager-mmap"})
    public String runtime;

    @Param({"sightglass/gcc-loops"})
    public String program;

    private byte[] wasm;
    private boolean chicory;
    private String executor;
    private String memory;
    private WasmModule jwasmModule;
    private Engine jwasmEngine;
    private com.dylibso.chicory.wasm.WasmModule chicoryModule;
    private Function<Instance, Machine> chicoryMachine;

    @Setup(Level.Trial)
    public void load() {
        wasm = BenchPrograms.load(program);
        chicory = runtime.startsWith("chicory-");
        if (chicory) {
            chicoryModule = Parser.parse(wasm);
            if (runtime.equals("chicory-compiler")) {
                chicoryMachine = MachineFactoryCompiler.compile(chicoryModule);
            }
        } else {
            String[] parts = runtime.split("-");
            executor = parts[1];
            memory = parts[2];
            jwasmModule = WasmModule.decode(wasm).validate();
        }
    }

    /** A fresh engine per operation for {@code instantiate}, so the measured one holds nothing. */
    @Setup(Level.Invocation)
    public void freshEngine() {
        if (!chicory) {
            boolean eager = executor.equals("jiteager");
            jwasmEngine = Engine.builder()
                    .executor(eager ? "jit" : executor)
                    .jitEager(eager)
                    .memory(memory)
                    .build();
        }
    }

    @TearDown(Level.Invocation)
    public void closeEngine() {
        if (jwasmEngine != null) {
            jwasmEngine.close();
            jwasmEngine = null;
        }
    }

    @Benchmark
    public Object instantiate() {
        if (chicory) {
            var builder = Instance.builder(chicoryModule)
                    .withImportValues(Stubs.chicory(chicoryModule))
                    .withStart(false);
            if (chicoryMachine != null) {
                builder.withMachineFactory(chicoryMachine);
            }
            return builder.build();
        }
        try (var store = new Store(jwasmEngine)) {
            return Stubs.jwasm(jwasmModule).instantiate(store, jwasmModule);
        }
    }

    @Benchmark
    public boolean firstHostCall() {
        try {
            if (chicory) {
                var module = Parser.parse(wasm);
                var builder = Instance.builder(module).withImportValues(Stubs.chicory(module));
                if (runtime.equals("chicory-compiler")) {
                    builder.withMachineFactory(MachineFactoryCompiler.compile(module));
                }
                builder.build(); // runs _start
            } else {
                var module = jwasmEngine.decode(wasm).validate();
                try (var store = new Store(jwasmEngine)) {
                    Stubs.jwasm(module)
                            .instantiate(store, module)
                            .function("_start")
                            .call();
                }
            }
        } catch (RuntimeException e) {
            if (FirstHostCall.reached(e)) {
                return true;
            }
            throw e;
        }
        throw new IllegalStateException(program + " finished without calling out of Wasm");
    }
}
