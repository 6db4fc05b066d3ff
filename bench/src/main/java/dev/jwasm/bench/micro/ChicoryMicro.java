package dev.jwasm.bench.micro;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;

/** {@link MicroModule} on Chicory's interpreter or compiler, through its {@code long[]} API. */
final class ChicoryMicro {
    private ChicoryMicro() {}

    static MicroInstance create(boolean compiled, String path) {
        if (!path.equals("raw")) {
            throw new IllegalArgumentException("Chicory is measured on the raw long[] path only, not " + path);
        }
        var module = Parser.parse(MicroModule.binary());
        var inc = new HostFunction(
                "host", "inc", FunctionType.of(List.of(ValType.I64), List.of(ValType.I64)), (instance, args) ->
                        new long[] {args[0] + 1});
        var builder = Instance.builder(module)
                .withImportValues(ImportValues.builder().addFunction(inc).build());
        if (compiled) {
            builder.withMachineFactory(MachineFactoryCompiler.compile(module));
        }
        var instance = builder.build();
        return new Raw(instance.export("add"), instance.export("callHost"), instance.export("storeLoad"));
    }

    private record Raw(ExportFunction addFn, ExportFunction callHostFn, ExportFunction storeLoadFn)
            implements MicroInstance {
        @Override
        public long add(long a, long b) {
            return addFn.apply(a, b)[0];
        }

        @Override
        public long callHost(int n) {
            return callHostFn.apply(n)[0];
        }

        @Override
        public long storeLoad() {
            return storeLoadFn.apply()[0];
        }
    }
}
