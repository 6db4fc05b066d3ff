package dev.jwasm.bench.gc;

import java.util.LinkedHashMap;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The GC proposal's allocation-heavy workloads ({@link GcWorkload}) on jwasm and Chicory in one
 * JMH run, the same modules on each: one operation is one call of the module's {@code run}
 * export (ms/op). Each iteration gets a fresh instance and so a fresh GC heap; the collections of
 * the measurement iterations are reported after the trial ({@link GcTally}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class GcBenchmark {
    /** What both workloads share: the runtime, its instance per iteration, the statistics. */
    @State(Scope.Benchmark)
    public abstract static class Workload {
        @Param({"jwasm-interp", "jwasm-jit", "chicory-interp", "chicory-compiler"})
        public String runtime;

        private GcRuntime engine;
        private GcRuntime.Run instance;
        private JvmGcWatch jvm;
        private final GcTally tally = new GcTally();
        private boolean measuring;
        private long ops;
        private long last;

        abstract GcWorkload workload();

        abstract long[] args();

        @Setup(Level.Trial)
        public void prepare() {
            engine = GcRuntime.create(runtime);
            engine.prepare(workload().wasm());
            jvm = new JvmGcWatch();
        }

        @Setup(Level.Iteration)
        public void startIteration(IterationParams iteration) {
            instance = engine.instantiate();
            measuring = iteration.getType() == IterationType.MEASUREMENT;
            ops = 0;
            jvm.start();
        }

        final long call() {
            ops++;
            return last = instance.run(args());
        }

        @TearDown(Level.Iteration)
        public void endIteration() {
            try {
                long expected = workload().expected(args());
                if (ops > 0 && last != expected) {
                    throw new IllegalStateException(
                            runtime + " computed " + workload() + " wrongly: " + last + ", expected " + expected);
                }
                if (measuring) {
                    tally.add(ops, instance.heapStats(), jvm.sinceStart());
                }
            } finally {
                instance.close();
            }
        }

        @TearDown(Level.Trial)
        public void report(BenchmarkParams params) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : params.getParamsKeys()) {
                values.put(key, params.getParam(key));
            }
            tally.report(params.getBenchmark(), runtime, values, jvm.collectors());
            jvm.close();
        }
    }

    public static class BinaryTrees extends Workload {
        /** The maximum depth: each depth step allocates ~2^(depth+5) nodes. */
        @Param({"16"})
        public int depth;

        @Override
        GcWorkload workload() {
            return GcWorkload.BINARY_TREES;
        }

        @Override
        long[] args() {
            return new long[] {depth};
        }
    }

    public static class ListMap extends Workload {
        /** Lists built per operation, each dead after its round. */
        @Param({"10"})
        public int rounds;

        /** Cells per list: 2 * length structs allocated per round. */
        @Param({"100000"})
        public int length;

        @Override
        GcWorkload workload() {
            return GcWorkload.LIST_MAP;
        }

        @Override
        long[] args() {
            return new long[] {rounds, length};
        }
    }

    @Benchmark
    public long binaryTrees(BinaryTrees state) {
        return state.call();
    }

    @Benchmark
    public long listMap(ListMap state) {
        return state.call();
    }
}
