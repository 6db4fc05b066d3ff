package dev.jwasm.bench.startup;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Chicory's compiler alone ({@code MachineFactoryCompiler.compile} of a parsed module, which
 * generates and defines its classes), in ms, on the largest program. jwasm's JIT has no public
 * compile-only entry: its compile time shows in {@link StartupBenchmark#firstHostCall}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ChicoryCompileBenchmark {
    @Param({"sightglass/gcc-loops"})
    public String program;

    private WasmModule module;

    @Setup(Level.Trial)
    public void parse() {
        module = Parser.parse(BenchPrograms.load(program));
    }

    @Benchmark
    public Function<Instance, Machine> compile() {
        return MachineFactoryCompiler.compile(module);
    }
}
