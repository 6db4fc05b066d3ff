package dev.jwasm.api;

import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.runtime.FunctionInstance;
import dev.jwasm.spi.runtime.GlobalCell;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.TableInstance;
import dev.jwasm.spi.runtime.TagInstance;
import java.util.Map;
import java.util.Set;

/**
 * An instantiated module: its exports by name (spec 4.2.5), each as a handle of its kind. A {@link
 * HostFunction} receives the instance whose code called it as one of these. It belongs to its store
 * and, like it, runs code on one thread at a time (see {@link Store}).
 */
public final class Instance {
    private final Store store;
    private final InstanceState state;
    private final Map<String, Object> exports;

    Instance(Store store, InstanceState state, Map<String, Object> exports) {
        this.store = store;
        this.state = state;
        this.exports = Map.copyOf(exports);
    }

    /** The run-time state, for executors and tools (through the bridge). */
    InstanceState state() {
        return state;
    }

    /** The store the instance lives in. */
    public Store store() {
        return store;
    }

    public Set<String> exportNames() {
        return exports.keySet();
    }

    /** The raw exported object (function, global, table or memory), or null. */
    Object export(String name) {
        return exports.get(name);
    }

    /**
     * @throws JwasmException if the instance exports no function of that name
     */
    public ExportedFunction function(String name) {
        return new ExportedFunction(store, get(name, FunctionInstance.class, "function"));
    }

    /**
     * @throws JwasmException if the instance exports no global of that name
     */
    public Global global(String name) {
        return new Global(get(name, GlobalCell.class, "global"));
    }

    /**
     * @throws JwasmException if the instance exports no memory of that name
     */
    public Memory memory(String name) {
        return new Memory(get(name, LinearMemory.class, "memory"));
    }

    /**
     * @throws JwasmException if the instance exports no table of that name
     */
    public Table table(String name) {
        return new Table(get(name, TableInstance.class, "table"));
    }

    /**
     * @throws JwasmException if the instance exports no tag of that name
     */
    public Tag tag(String name) {
        return new Tag(get(name, TagInstance.class, "tag"));
    }

    private <T> T get(String name, Class<T> kind, String what) {
        Object value = exports.get(name);
        if (!kind.isInstance(value)) {
            throw new JwasmException("no exported " + what + " named \"" + name + "\"");
        }
        return kind.cast(value);
    }
}
