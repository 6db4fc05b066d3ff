package dev.jwasm.bench.programs;

import java.io.OutputStream;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * GraalWasm (org.graalvm.polyglot:wasm) through the polyglot API, with its built-in WASI, as {@code
 * graalwasm-jit} (Truffle compiles hot Wasm code with the Graal compiler) or {@code
 * graalwasm-interp} (compilation off: Truffle's interpreter only).
 *
 * <p>Which Truffle runtime there is depends on how the JVM was started: with the Truffle jars on
 * the class path (the shaded benchmarks jar alone) it is the fallback runtime, which never compiles;
 * with them on the module path and the Graal compiler on {@code --upgrade-module-path} with JVMCI
 * enabled, the optimizing one ({@code bench/run.sh} starts it so). {@code graalwasm-jit} on the
 * fallback runtime refuses to run rather than report interpreter numbers as compiled ones.
 */
public final class GraalWasmRunner implements WasmRunner {
    private final KernelClock clock;
    private final Engine engine;
    private Source source;

    public GraalWasmRunner(boolean compile, KernelClock clock) {
        this.clock = clock;
        String runtime = truffleRuntimeName();
        // The fallback runtime is DefaultTruffleRuntime ("Interpreted"); the optimizing one on HotSpot
        // is HotSpotTruffleRuntime.
        boolean optimizing = !runtime.contains("DefaultTruffleRuntime");
        if (compile && !optimizing) {
            throw new IllegalStateException("graalwasm-jit needs Truffle's optimizing runtime and the Graal compiler;"
                    + " this JVM has " + runtime + " (start it as bench/run.sh does)");
        }
        // One engine for every run, so that code Truffle compiled is shared by the contexts.
        var builder = Engine.newBuilder("wasm")
                .option("engine.WarnInterpreterOnly", "false")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream());
        if (!compile && optimizing) {
            // The fallback runtime never compiles and has no such option.
            builder.allowExperimentalOptions(true).option("engine.Compilation", "false");
        }
        this.engine = builder.build();
        String name = compile ? "graalwasm-jit" : "graalwasm-interp";
        System.out.println("jwasm-bench: " + name + " runs on " + mode()
                + (!compile && optimizing ? ", engine.Compilation=false" : ""));
    }

    /** The Truffle runtime in use: its name tells compiled ({@code Graal}) from fallback ({@code Interpreted}). */
    public String mode() {
        return engine.getImplementationName() + " " + engine.getVersion() + " (Truffle runtime " + truffleRuntimeName()
                + ")";
    }

    private static String truffleRuntimeName() {
        try {
            // Through the exported API types: the runtime's own class is in an unexported package.
            Object runtime = Class.forName("com.oracle.truffle.api.Truffle")
                    .getMethod("getRuntime")
                    .invoke(null);
            return runtime.getClass().getName() + ", "
                    + Class.forName("com.oracle.truffle.api.TruffleRuntime")
                            .getMethod("getName")
                            .invoke(runtime);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unknown (" + e + ")";
        }
    }

    @Override
    public String cannotRun(BenchProgram program) {
        return program.needsGc() ? "GraalWasm 25.0 does not implement the GC proposal" : null;
    }

    @Override
    public void prepare(byte[] wasm) {
        source = Source.newBuilder("wasm", ByteSequence.create(wasm), "benchmark")
                .buildLiteral();
    }

    @Override
    public int run() {
        try (var context = Context.newBuilder("wasm")
                .engine(engine)
                .option("wasm.Builtins", "wasi_snapshot_preview1")
                .arguments("wasm", new String[] {"benchmark"})
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build()) {
            Value module = context.eval(source);
            ProxyExecutable start = args -> {
                clock.start();
                return null;
            };
            ProxyExecutable end = args -> {
                clock.end();
                return null;
            };
            Value instance = module.newInstance(
                    ProxyObject.fromMap(Map.of("bench", ProxyObject.fromMap(Map.of("start", start, "end", end)))));
            instance.getMember("exports").getMember("_start").execute();
            return 0;
        } catch (PolyglotException e) {
            if (e.isExit()) {
                return e.getExitStatus();
            }
            throw e;
        }
    }
}
