package dev.jwasm.bench.calls;

import dev.jwasm.api.Engine;
import dev.jwasm.api.ExportedFunction;
import dev.jwasm.api.HostModule;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.WasmExport;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.wat.Wat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntBinaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of crossing between Java and Wasm, typed against raw: host→Wasm calls of a tiny
 * export ({@code add}) through {@link ExportedFunction#call} with a {@code long[]}, through {@link
 * ExportedFunction#asIntBinaryOperator()} and through {@link ExportedFunction#bind}; and Wasm→host
 * calls, where a Wasm loop calls an imported {@code [i32 i32] -> [i32]} host function {@value
 * #HOST_CALLS} times, defined as a raw {@code args -> long[]} lambda or as a {@link HostModule}
 * method. Compare the variants of one direction within one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class CallOverheadBenchmark {
    /** Wasm→host calls per operation of the host-call benchmarks. */
    static final int HOST_CALLS = 1000;

    private static final String MODULE = """
            (module
              (import "env" "mix" (func $mix (param i32 i32) (result i32)))
              (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func (export "loop") (param $n i32) (result i32) (local $acc i32)
                (block $done
                  (loop $next
                    (br_if $done (i32.eqz (local.get $n)))
                    (local.set $acc (call $mix (local.get $acc) (local.get $n)))
                    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                    (br $next)))
                (local.get $acc)))
            """;

    /** The host function, as an annotated method. */
    public static final class Env {
        @WasmExport
        public int mix(int acc, int n) {
            return acc * 31 + n;
        }
    }

    @Param({"interp", "jit"})
    public String executor;

    private Engine engine;
    private Store store;
    private ExportedFunction addRaw;
    private IntBinaryOperator addOperator;
    private Add addBound;
    private ExportedFunction loopRawHost;
    private ExportedFunction loopTypedHost;
    private int a = 1;

    /** The typed view {@link ExportedFunction#bind} implements. */
    public interface Add {
        int add(int a, int b);
    }

    @Setup
    public void setup() {
        engine = Engine.builder().executor(executor).memory("heap").build();
        store = new Store(engine);
        var module = engine.decode(Wat.toBinary(MODULE));
        var type = FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));
        var raw = new Linker()
                .define("env", "mix", type, args -> new long[] {(int) args[0] * 31 + (int) args[1]})
                .instantiate(store, module);
        var typed = new Linker().define("env", HostModule.of(new Env())).instantiate(store, module);
        addRaw = raw.function("add");
        addOperator = addRaw.asIntBinaryOperator();
        addBound = addRaw.bind(Add.class);
        loopRawHost = raw.function("loop");
        loopTypedHost = typed.function("loop");
    }

    @TearDown
    public void tearDown() {
        store.close();
        engine.close();
    }

    @Benchmark
    public long wasmCallRaw() {
        return addRaw.call(a, 2)[0];
    }

    @Benchmark
    public int wasmCallOperator() {
        return addOperator.applyAsInt(a, 2);
    }

    @Benchmark
    public int wasmCallBound() {
        return addBound.add(a, 2);
    }

    @Benchmark
    public long hostCallsRaw() {
        return loopRawHost.call(HOST_CALLS)[0];
    }

    @Benchmark
    public long hostCallsAnnotated() {
        return loopTypedHost.call(HOST_CALLS)[0];
    }
}
