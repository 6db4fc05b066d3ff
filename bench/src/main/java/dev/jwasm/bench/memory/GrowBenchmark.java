package dev.jwasm.bench.memory;

import dev.jwasm.api.model.MemoryType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Growing a fresh memory one page at a time from 1 page to 65,536 (4 GiB), or until the backend
 * refuses (heap stops just under 2 GiB), then closing it: the cost of {@code memory.grow} itself.
 * Pages are not touched, so mmap commits address space only; heap copies its array as it grows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx3g"})
public class GrowBenchmark {
    @Param({"heap", "mmap"})
    public String backend;

    @Benchmark
    public long growOnePageAtATime() {
        try (var memory = Backends.create(backend, MemoryType.of(1, 65536))) {
            while (memory.pages() < 65536 && memory.grow(1) >= 0) {
                // keep growing
            }
            return memory.pages();
        }
    }
}
