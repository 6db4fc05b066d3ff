package dev.jwasm.api;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.internal.access.LoweredModule;
import dev.jwasm.internal.runtime.Instantiator;
import dev.jwasm.spi.runtime.CanonicalType;
import dev.jwasm.spi.runtime.HostFunctionInstance;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Names the host functions and other instances' exports that modules import, and instantiates
 * modules against them. Imports are matched by (module, name), then by kind and type; a mismatch
 * is a {@link LinkException}. Define on one thread; once defined, a linker may instantiate from
 * several threads at once (into different stores: a store runs on one thread at a time).
 */
public final class Linker {
    private record Key(String module, String name) {}

    private final Map<Key, Object> definitions = new HashMap<>();

    /** An empty linker: every import is unknown until defined. */
    public Linker() {}

    /** Defines a host function, which receives its calling instance with its arguments. */
    public Linker define(String module, String name, FuncType type, HostFunction function) {
        return put(module, name, new HostFunctionInstance(type, function));
    }

    /** Defines a host function that needs no caller: {@code args -> results}. */
    public Linker define(String module, String name, FuncType type, UnaryOperator<long[]> function) {
        Objects.requireNonNull(function, "function");
        return define(module, name, type, (caller, args) -> function.apply(args));
    }

    /** Defines every function of {@code host} under the module name {@code module}. */
    public Linker define(String module, HostModule host) {
        host.functions().forEach((name, f) -> define(module, name, f.type(), f.implementation()));
        return this;
    }

    public Linker define(String module, String name, Global global) {
        return put(module, name, global.cell());
    }

    public Linker define(String module, String name, Memory memory) {
        return put(module, name, memory.linear());
    }

    public Linker define(String module, String name, Table table) {
        return put(module, name, table.instance());
    }

    public Linker define(String module, String name, Tag tag) {
        return put(module, name, tag.instance());
    }

    /** Defines a function of another instance (or a host function) as this import. */
    public Linker define(String module, String name, ExportedFunction function) {
        return put(module, name, function.function());
    }

    /** Defines every export of {@code instance} under the module name {@code module}. */
    public Linker define(String module, Instance instance) {
        for (String name : instance.exportNames()) {
            put(module, name, instance.export(name));
        }
        return this;
    }

    private Linker put(String module, String name, Object value) {
        definitions.put(new Key(Objects.requireNonNull(module), Objects.requireNonNull(name)), value);
        return this;
    }

    /**
     * Validates and instantiates a decoded module (spec 4.5.4), running its start function.
     *
     * @throws InvalidModuleException if the module is not valid
     * @throws LinkException if an import is missing or has the wrong kind or type
     * @throws Trap if a segment does not fit or the start function traps
     */
    public Instance instantiate(Store store, WasmModule module) {
        var types = module.context().types().canonicalTypes();
        return instantiate(store, module.definition(), types, module.info().functionNames());
    }

    /**
     * Instantiates a definition built by hand (executors' tests, through the bridge) in {@code
     * store} (spec 4.5.4), running its start function.
     *
     * @throws LinkException if an import is missing or has the wrong kind or type
     * @throws Trap if a segment does not fit or the start function traps
     */
    Instance instantiate(Store store, LoweredModule module) {
        return instantiate(store, module, null, Map.of());
    }

    /**
     * Instantiates, naming functions in stack traces (also the start function's) by
     * {@code functionNames}; {@code types} are the canonical types, or null for a module built by hand.
     */
    private Instance instantiate(
            Store store, LoweredModule module, List<CanonicalType> types, Map<Integer, String> functionNames) {
        // Instantiation changes the store (and runs the start function): one thread at a time.
        store.state().enter();
        try {
            return instantiateEntered(store, module, types, functionNames);
        } finally {
            store.state().exit();
        }
    }

    private Instance instantiateEntered(
            Store store, LoweredModule module, List<CanonicalType> types, Map<Integer, String> functionNames) {
        var engine = store.engine();
        var instantiator = new Instantiator(store.state(), engine.memoryProvider(), engine.memoryBudget());
        BiFunction<String, String, Object> resolve = (m, n) -> definitions.get(new Key(m, n));
        var state = types == null
                ? instantiator.instantiate(module, resolve)
                : instantiator.instantiate(module, types, resolve);
        state.functionNames(functionNames);
        store.executor().instantiated(state);
        Map<String, Object> exports = new HashMap<>();
        for (var e : module.exports()) {
            Object value =
                    switch (e.kind()) {
                        case FUNC -> state.functions[e.index()];
                        case GLOBAL -> state.globals[e.index()];
                        case TABLE -> state.tables[e.index()];
                        case MEMORY -> state.memories[e.index()];
                        case TAG -> state.tags[e.index()];
                    };
            exports.put(e.name(), value);
        }
        var instance = new Instance(store, state, exports);
        // Before the start function, which may call host functions that take the instance as caller.
        state.embedding(instance);
        if (module.start().isPresent()) {
            var start = state.functions[module.start().getAsInt()];
            switch (start) {
                case WasmFunctionInstance w -> store.executor().invoke(w, new long[0]);
                case HostFunctionInstance h -> h.invoke(state, new long[0]);
            }
        }
        return instance;
    }
}
