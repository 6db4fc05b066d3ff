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
 * An instantiated module: its exports by name (spec 4.2.5). It belongs to its store and, like
 * it, runs code on one thread at a time (see {@link Store}).
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

    /** The run-time state, for executors and tools. */
    public InstanceState state() {
        return state;
    }

    public Set<String> exportNames() {
        return exports.keySet();
    }

    /** The raw exported object (function, global, table or memory), or null. */
    Object export(String name) {
        return exports.get(name);
    }

    public ExportedFunction function(String name) {
        return new ExportedFunction(store, get(name, FunctionInstance.class, "function"));
    }

    public GlobalCell global(String name) {
        return get(name, GlobalCell.class, "global");
    }

    public LinearMemory memory(String name) {
        return get(name, LinearMemory.class, "memory");
    }

    public TableInstance table(String name) {
        return get(name, TableInstance.class, "table");
    }

    public TagInstance tag(String name) {
        return get(name, TagInstance.class, "tag");
    }

    private <T> T get(String name, Class<T> kind, String what) {
        Object value = exports.get(name);
        if (!kind.isInstance(value)) {
            throw new JwasmException("no exported " + what + " named \"" + name + "\"");
        }
        return kind.cast(value);
    }
}
