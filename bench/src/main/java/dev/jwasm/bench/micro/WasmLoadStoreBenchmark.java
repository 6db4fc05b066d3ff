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
 * {@code i32.store} and {@code i32.load} as Wasm code executes them, on every runtime and memory, in
 * ns per access (a pass of 16,384 stores then 16,384 loads over one page, with the loop around
 * them). {@code dev.jwasm.bench.memory.LoadStoreBenchmark} measures the memory backends' accessors
 * alone, without an executor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class WasmLoadStoreBenchmark {
    @Param({
        "chicory-interp",
        "chicory-compiler",
        "jwasm-interp-heap",
        "jwasm-interp-mmap",
        "jwasm-jit-heap",
        "jwasm-jit-mmap"
    })
    public String runtime;

    private MicroInstance instance;

    @Setup(Level.Trial)
    public void setUp() {
        instance = MicroInstance.create(runtime, "raw");
        // Sum of 0, 4, …, 65532 as a wrapping i32: 16384 * 65532 / 2.
        long expected = 16384L * 65532 / 2;
        if ((int) instance.storeLoad() != (int) expected) {
            throw new IllegalStateException(runtime + " computes the load/store loop wrongly");
        }
    }

    @Benchmark
    @OperationsPerInvocation(MicroModule.STORE_LOAD_ACCESSES)
    public long storeThenLoad() {
        return instance.storeLoad();
    }
}
