package dev.jwasm.bench.micro;

import dev.jwasm.api.Engine;
import dev.jwasm.api.ExportedFunction;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import java.util.List;

/**
 * {@link MicroModule} on jwasm. Each call path is its own class so that the benchmark's hot loop
 * has exactly one way of calling: {@link Raw} goes through {@link ExportedFunction#call(long...)}
 * with a {@code long[]} in and out, and a host function that gets and returns {@code long[]}.
 */
final class JwasmMicro {
    private JwasmMicro() {}

    static MicroInstance create(String executor, String memory, String path) {
        var engine = Engine.builder().executor(executor).memory(memory).build();
        var store = new Store(engine);
        var i64 = List.of(ValType.I64);
        var linker = new Linker().define("host", "inc", FuncType.of(i64, i64), args -> new long[] {args[0] + 1});
        var instance =
                linker.instantiate(store, engine.decode(MicroModule.binary()).validate());
        return switch (path) {
            case "raw" ->
                new Raw(instance.function("add"), instance.function("callHost"), instance.function("storeLoad"));
            // Typed calls (the embedding API issue) go here: a case "typed" binding the same three
            // exports (and a typed host function for "inc") without long[], so that the benchmark
            // compares both paths side by side with -p path=raw,typed.
            default -> throw new IllegalArgumentException("unknown call path " + path + " (raw)");
        };
    }

    private record Raw(ExportedFunction addFn, ExportedFunction callHostFn, ExportedFunction storeLoadFn)
            implements MicroInstance {
        @Override
        public long add(long a, long b) {
            return addFn.call(a, b)[0];
        }

        @Override
        public long callHost(int n) {
            return callHostFn.call(n)[0];
        }

        @Override
        public long storeLoad() {
            return storeLoadFn.call()[0];
        }
    }
}
