package dev.jwasm.bench.memory;

import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.Limits;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.LinearMemory.RmwOp;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The threads proposal's atomics on a shared memory, per backend: {@code heap-lock} is the heap
 * backend's {@code byte[]} memory, whose atomics take the memory's lock (a {@code byte[]} admits
 * no atomic VarHandle modes); {@code heap} is what the heap backend now gives a shared memory, a
 * {@code long[]} seen as an aligned {@code MemorySegment} with lock-free VarHandle atomics; {@code
 * mmap} is the native backend. One memory is shared by all benchmark threads, and every thread
 * works on the same word, so {@code -t 2} measures contention. Plain {@code load32} shows what the
 * segment view costs the non-atomic accesses of a shared memory. Scores are operations per µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class AtomicsBenchmark {
    private static final long ADDR = 64;

    @Param({"heap-lock", "heap", "mmap"})
    public String backend;

    private LinearMemory memory;

    @Setup(Level.Trial)
    public void setUp() throws ReflectiveOperationException {
        var type = new MemoryType(new Limits(1, 1), AddressType.I32, true, MemoryType.DEFAULT_PAGE_SIZE_LOG2);
        memory = switch (backend) {
            // A fixed byte[] buffer keeps the lock-based memory for a shared type; the provider
            // is only a runtime dependency of this module, hence the reflective factory call.
            case "heap-lock" -> {
                var fixed = Class.forName("dev.jwasm.memory.heap.HeapMemoryProvider")
                        .getMethod("fixed", byte[].class)
                        .invoke(null, (Object) new byte[65536]);
                yield ((MemoryProvider) fixed).create(type, MemoryBudget.unlimited());
            }
            default -> Backends.create(backend, type);
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        memory.close();
    }

    @Benchmark
    public long rmwAdd32() {
        return memory.atomicRmw(RmwOp.ADD, 4, ADDR, 1);
    }

    @Benchmark
    public long rmwAdd64() {
        return memory.atomicRmw(RmwOp.ADD, 8, ADDR, 1);
    }

    @Benchmark
    public long rmwAdd8() {
        return memory.atomicRmw(RmwOp.ADD, 1, ADDR + 1, 1);
    }

    @Benchmark
    public long cmpxchg32() {
        long old = memory.atomicLoad(4, ADDR);
        return memory.atomicCmpxchg(4, ADDR, old, old + 1);
    }

    @Benchmark
    public long atomicLoad32() {
        return memory.atomicLoad(4, ADDR);
    }

    @Benchmark
    public void atomicStore32() {
        memory.atomicStore(4, ADDR, 5);
    }

    @Benchmark
    public int load32() {
        return memory.load32(ADDR);
    }
}
