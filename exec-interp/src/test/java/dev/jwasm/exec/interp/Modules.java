package dev.jwasm.exec.interp;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.model.Export;
import dev.jwasm.api.model.ExternKind;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.Import;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.internal.access.LoweredModule;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.spi.runtime.FunctionCode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

/** Builds small test modules; function bodies are written as instruction-visitor calls. */
final class Modules {
    final List<FuncType> types = new ArrayList<>();
    final List<Import> imports = new ArrayList<>();
    final List<LoweredModule.Function> functions = new ArrayList<>();
    final List<LoweredModule.Table> tables = new ArrayList<>();
    final List<MemoryType> memories = new ArrayList<>();
    final List<LoweredModule.Global> globals = new ArrayList<>();
    final List<Export> exports = new ArrayList<>();
    final List<LoweredModule.Element> elements = new ArrayList<>();
    final List<LoweredModule.Data> datas = new ArrayList<>();
    OptionalInt start = OptionalInt.empty();
    final List<Integer> tags = new ArrayList<>();

    static FuncType sig(List<ValType> params, List<ValType> results) {
        return FuncType.of(params, results);
    }

    int type(FuncType t) {
        int i = types.indexOf(t);
        if (i >= 0) {
            return i;
        }
        types.add(t);
        return types.size() - 1;
    }

    /** Adds a function exported as {@code name} (if non-null); returns its index among defined ones. */
    Modules func(String name, FuncType t, List<ValType> locals, Consumer<InstructionVisitor> body) {
        int importedFuncs =
                (int) imports.stream().filter(i -> i.kind() == ExternKind.FUNC).count();
        functions.add(new LoweredModule.Function(type(t), new FunctionCode(locals, body)));
        if (name != null) {
            exports.add(new Export(name, ExternKind.FUNC, importedFuncs + functions.size() - 1));
        }
        return this;
    }

    Modules global(GlobalType t, long init) {
        globals.add(new LoweredModule.Global(
                t,
                t.type() == ValType.I64
                        ? dev.jwasm.spi.runtime.ConstExpr.i64(init)
                        : dev.jwasm.spi.runtime.ConstExpr.i32((int) init)));
        return this;
    }

    LoweredModule build() {
        return new LoweredModule(
                types, imports, functions, tables, memories, globals, exports, elements, datas, start, tags);
    }

    static Engine engine(int maxCallDepth) {
        return Engine.builder()
                .memory(new HeapMemoryProvider())
                .executor(new InterpreterProvider())
                .maxCallDepth(maxCallDepth)
                .build();
    }

    Instance instantiate() {
        return Internals.instantiate(new Linker(), new Store(engine(1000)), build());
    }
}
