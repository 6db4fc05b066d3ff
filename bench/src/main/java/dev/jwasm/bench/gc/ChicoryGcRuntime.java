package dev.jwasm.bench.gc;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.jwasm.spi.GcHeapStats;
import java.util.function.Function;

/**
 * Chicory's interpreter or its compiler to JVM bytecode (compiling once in {@link #prepare}). Its
 * GC objects are JVM objects, collected by the JVM's collector ({@link JvmGcWatch} counts that).
 */
final class ChicoryGcRuntime implements GcRuntime {
    private final boolean compiled;
    private WasmModule module;
    private Function<Instance, Machine> machine;

    ChicoryGcRuntime(boolean compiled) {
        this.compiled = compiled;
    }

    @Override
    public void prepare(byte[] wasm) {
        module = Parser.parse(wasm);
        machine = compiled ? MachineFactoryCompiler.compile(module) : null;
    }

    @Override
    public Run instantiate() {
        var builder = Instance.builder(module);
        if (machine != null) {
            builder.withMachineFactory(machine);
        }
        ExportFunction run = builder.build().export("run");
        return new Run() {
            @Override
            public long run(long... args) {
                return run.apply(args)[0];
            }

            @Override
            public GcHeapStats heapStats() {
                return null;
            }

            @Override
            public void close() {}
        };
    }
}
