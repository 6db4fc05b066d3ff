package dev.jwasm.spi.runtime;

import dev.jwasm.api.Instance;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.spi.LinearMemory;
import java.util.Map;

/**
 * One module instance's run-time state (spec 4.2.5), in index-space order with imports first.
 * The arrays are filled during instantiation and read directly by executors: no lookup on the hot
 * path. {@code types} holds each type-section entry that is a function type (null for others).
 */
public final class InstanceState {
    public final StoreState store;
    public final FuncType[] types;
    public final FunctionInstance[] functions;
    public final GlobalCell[] globals;
    public final TableInstance[] tables;
    public final LinearMemory[] memories;
    public final DataSegment[] datas;
    public final ElementSegment[] elements;
    public final TagInstance[] tags;
    /**
     * Each type index's canonical type (set by instantiation before any code runs): what
     * {@code call_indirect} checks a callee's {@link FunctionInstance#canonicalType()} against.
     */
    public CanonicalType[] canonicalTypes;
    /** Function names from the module's {@code name} section (may be partial), for stack traces. */
    private Map<Integer, String> functionNames = Map.of();
    /** The executor's compiled form of this whole instance (the JIT's class), or null. */
    private volatile Object compiledModule;
    /** The embedding API's handle for this instance, which host functions receive as their caller. */
    private volatile Instance embedding;

    public InstanceState(
            StoreState store,
            FuncType[] types,
            int functions,
            int globals,
            int tables,
            int memories,
            int datas,
            int elements,
            int tags) {
        this.store = store;
        this.types = types;
        this.functions = new FunctionInstance[functions];
        this.globals = new GlobalCell[globals];
        this.tables = new TableInstance[tables];
        this.memories = new LinearMemory[memories];
        this.datas = new DataSegment[datas];
        this.elements = new ElementSegment[elements];
        this.tags = new TagInstance[tags];
    }

    /** Function names from the module's {@code name} section, by function index; may be partial. */
    public Map<Integer, String> functionNames() {
        return functionNames;
    }

    /** Sets the names {@link #functionNames()} returns; the linker does, from the decoded module. */
    public void functionNames(Map<Integer, String> names) {
        this.functionNames = Map.copyOf(names);
    }

    /** The executor's compiled form of this instance (a JIT keeps its generated code here), or null. */
    public Object compiledModule() {
        return compiledModule;
    }

    public void compiledModule(Object value) {
        this.compiledModule = value;
    }

    /**
     * The embedding API's handle for this instance (set by the linker before the start function
     * runs): what a host function called from this instance's code receives as its caller.
     */
    public Instance embedding() {
        return embedding;
    }

    public void embedding(Instance instance) {
        this.embedding = instance;
    }
}
