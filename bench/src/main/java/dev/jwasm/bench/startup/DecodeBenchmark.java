package dev.jwasm.bench.startup;

import com.dylibso.chicory.wasm.Parser;
import dev.jwasm.api.WasmModule;
import dev.jwasm.bench.programs.BenchPrograms;
import java.util.concurrent.TimeUnit;
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
 * Decoding and validating the largest program (sightglass/gcc-loops, 2.8 MB), in ms: jwasm's decoder
 * alone, its decoder then validator, and Chicory's {@code Parser.parse}, which validates as it parses.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class DecodeBenchmark {
    @Param({"sightglass/gcc-loops"})
    public String program;

    private byte[] wasm;

    @Setup(Level.Trial)
    public void load() {
        wasm = BenchPrograms.load(program);
    }

    @Benchmark
    public WasmModule jwasmDecode() {
        return WasmModule.decode(wasm);
    }

    @Benchmark
    public WasmModule jwasmDecodeValidate() {
        return WasmModule.decode(wasm).validate();
    }

    @Benchmark
    public com.dylibso.chicory.wasm.WasmModule chicoryParse() {
        return Parser.parse(wasm);
    }
}
