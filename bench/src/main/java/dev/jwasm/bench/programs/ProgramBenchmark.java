package dev.jwasm.bench.programs;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * instantiates the program and runs its {@code _start} to the end (the score, ms/op); parsing and
 * ahead-of-time compilation are not measured. Programs that bracket a kernel with {@code
 * bench.start}/{@code bench.end} (the sightglass ones) also report that region alone, as the
 * counters of {@link Kernel}.
 *
 * <p>{@code program} may also name a {@code .wat} file under the bench folder (GC workloads such
 * as {@code gc/binary-trees.wat}); a runtime that cannot run it (no GC proposal) is skipped with a
 * message, as are the pairs of the exclusions file ({@link Exclusions}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ProgramBenchmark {
    @Param({
        "chicory-interp",
        "chicory-compiler",
        "jwasm-interp-heap",
        "jwasm-interp-mmap",
        "jwasm-jit-heap",
        "jwasm-jit-mmap"
    })
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

    private final KernelClock clock = new KernelClock();
    private WasmRunner runner;

    /**
     * The {@code bench.start}..{@code bench.end} regions as two JMH event counters, {@code kernelNs}
     * (their total length) and {@code kernelOps} (how many), which JMH adds up over the measurement
     * iterations; their quotient is the kernel's time per operation ({@code bench/report.py}).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Kernel {
        private KernelClock clock;

        @Setup(Level.Iteration)
        public void reset(ProgramBenchmark benchmark) {
            clock = benchmark.clock;
            clock.reset();
        }

        public long kernelNs() {
            return clock.totalNanos();
        }

        public long kernelOps() {
            return clock.regions();
        }
    }

    @Setup(Level.Trial)
    public void prepare() {
        String excluded = Exclusions.reason(runtime, program);
        if (excluded != null) {
            throw Exclusions.notMeasured(runtime, program, excluded);
        }
        var bench = BenchPrograms.program(program);
        runner = Runtimes.create(runtime, clock);
        String cannot = runner.cannotRun(bench);
        if (cannot != null) {
            throw Exclusions.notMeasured(runtime, program, cannot);
        }
        runner.prepare(bench.wasm());
    }

    @Benchmark
    public int run(Kernel kernel) {
        return runner.run();
    }
}
