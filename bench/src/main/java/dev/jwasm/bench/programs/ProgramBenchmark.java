package dev.jwasm.bench.programs;

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
 * Runs each program of {@code ../shared/bench} to completion on each runtime, in one JMH run, so
 * that the runtimes are compared as ratios on the same machine at the same time. Each operation
 * instantiates the program and runs its {@code _start} to the end; parsing is not measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ProgramBenchmark {
    /** {@code chicory}, or jwasm as {@code jwasm-EXECUTOR-MEMORY}. */
    @Param({"chicory", "jwasm-interp-mmap", "jwasm-interp-heap", "jwasm-jit-mmap"})
    public String runtime;

    @Param({
        "ackermann",
        "base64",
        "ctype",
        "ed25519",
        "fib2",
        "gimli",
        "heapsort",
        "keccak",
        "matrix",
        "memmove",
        "minicsv",
        "nestedloop",
        "random",
        "ratelimit",
        "seqhash",
        "sieve",
        "switch",
        "xblabla20",
        "xchacha20",
        "sightglass/noop",
        "sightglass/quicksort",
        "sightglass/richards",
        "sightglass/gcc-loops"
    })
    public String program;

    private WasmRunner runner;

    @Setup(Level.Trial)
    public void prepare() {
        if (runtime.equals("chicory")) {
            runner = new ChicoryRunner();
        } else if (runtime.startsWith("jwasm-")) {
            String[] parts = runtime.split("-");
            runner = new JwasmRunner(parts[1], parts[2]);
        } else {
            throw new IllegalArgumentException("unknown runtime " + runtime);
        }
        runner.prepare(BenchPrograms.load(program));
    }

    @Benchmark
    public int run() {
        return runner.run();
    }
}
