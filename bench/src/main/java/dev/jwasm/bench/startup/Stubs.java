package dev.jwasm.bench.startup;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import dev.jwasm.api.Linker;
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.ExternType;
import dev.jwasm.api.model.FuncType;

/**
 * Binds every function import of a module to a stub that throws {@link FirstHostCall}, on jwasm
 * and on Chicory, so that start-up can be measured up to the program's first call out (no WASI
 * work is measured, and a long program such as gcc-loops is never run to its end).
 */
final class Stubs {
    private Stubs() {}

    static Linker jwasm(WasmModule module) {
        var linker = new Linker();
        for (var imp : module.imports()) {
            if (!(imp.type() instanceof ExternType.Func f)) {
                throw new IllegalArgumentException("start-up benchmarks stub functions only, not " + imp);
            }
            var type = (FuncType) module.info().types().get(f.typeIndex()).composite();
            linker.define(imp.module(), imp.name(), type, args -> {
                throw new FirstHostCall(imp.module(), imp.name());
            });
        }
        return linker;
    }

    static ImportValues chicory(com.dylibso.chicory.wasm.WasmModule module) {
        var imports = ImportValues.builder();
        module.importSection().stream().forEach(imp -> {
            if (imp.importType() != ExternalType.FUNCTION) {
                throw new IllegalArgumentException("start-up benchmarks stub functions only, not " + imp.name());
            }
            var type = module.typeSection().types()[((FunctionImport) imp).typeIndex()];
            imports.addFunction(new HostFunction(imp.module(), imp.name(), type, (instance, args) -> {
                throw new FirstHostCall(imp.module(), imp.name());
            }));
        });
        return imports.build();
    }
}
