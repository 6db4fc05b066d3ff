package dev.jwasm.bench.memory;

import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.LinearMemory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput of the checked accessors: one pass of 32-bit stores then loads over a 64 KiB page,
 * unaligned 64-bit loads, on each backend. Scores are operations (single accesses) per µs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class LoadStoreBenchmark {
    private static final int PAGE = 65536;
    private static final int INTS = PAGE / 4;

    @Param({"heap", "mmap"})
    public String backend;

    private LinearMemory memory;

    @Setup(Level.Trial)
    public void setUp() {
        memory = Backends.create(backend, MemoryType.of(1, 1));
        for (int i = 0; i < INTS; i++) {
            memory.store32(i * 4L, i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        memory.close();
    }

    @Benchmark
    @OperationsPerInvocation(INTS)
    public void store32() {
        var m = memory;
        for (int i = 0; i < INTS; i++) {
            m.store32(i * 4L, i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(INTS)
    public int load32() {
        var m = memory;
        int sum = 0;
        for (int i = 0; i < INTS; i++) {
            sum += m.load32(i * 4L);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(INTS - 2)
    public long load64Unaligned() {
        var m = memory;
        long sum = 0;
        for (int i = 0; i < INTS - 2; i++) { // the last 8-byte load at 4i+1 must end by 65536
            sum += m.load64(i * 4L + 1);
        }
        return sum;
    }
}
