package dev.jwasm.bench.micro;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one call across the boundary costs an embedder, in ns per call: host → Wasm ({@code
 * add(i, 1)} from Java) and Wasm → host (a Wasm loop of 1,000 calls of an imported Java function,
 * divided by 1,000). {@code path} chooses the API: {@code raw} is the {@code long[]} one; the typed
 * calls the embedding API adds become a second value (see {@link JwasmMicro}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class CallBenchmark {
    private static final int HOST_CALLS = 1000;

    @Param({"chicory-interp", "chicory-compiler", "jwasm-interp-heap", "jwasm-jit-heap"})
    public String runtime;

    @Param({"raw"})
    public String path;

    private MicroInstance instance;
    private long counter;

    @Setup(Level.Trial)
    public void setUp() {
        instance = MicroInstance.create(runtime, path);
        if (instance.callHost(3) != 3 || instance.add(40, 2) != 42) {
            throw new IllegalStateException(runtime + " computes the micro-benchmark module wrongly");
        }
    }

    @Benchmark
    public long hostToWasm() {
        return instance.add(counter++, 1);
    }

    @Benchmark
    @OperationsPerInvocation(HOST_CALLS)
    public long wasmToHost() {
        return instance.callHost(HOST_CALLS);
    }
}
