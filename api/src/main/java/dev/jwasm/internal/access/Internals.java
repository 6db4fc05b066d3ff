package dev.jwasm.internal.access;

import dev.jwasm.api.Engine;
import dev.jwasm.api.ExportedFunction;
import dev.jwasm.api.Global;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Memory;
import dev.jwasm.api.Store;
import dev.jwasm.api.Table;
import dev.jwasm.api.Tag;
import dev.jwasm.api.WasmException;
import dev.jwasm.spi.Executor;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.runtime.ExceptionInstance;
import dev.jwasm.spi.runtime.FunctionInstance;
import dev.jwasm.spi.runtime.GlobalCell;
import dev.jwasm.spi.runtime.InstanceState;
import dev.jwasm.spi.runtime.StoreState;
import dev.jwasm.spi.runtime.TableInstance;
import dev.jwasm.spi.runtime.TagInstance;

/**
 * The runtime state behind the embedding API's handles, for jwasm's own modules only (this package
 * is exported to them, not to users): executors, WASI, the text format's script runner, the CLI
 * and their tests. The API never hands these out, so that a user cannot reach, say, an immutable
 * global's storage. {@code dev.jwasm.api} installs the implementation when its {@link Engine} class
 * is initialized (the JDK's "shared secrets" pattern).
 */
public final class Internals {
    /** What {@code dev.jwasm.api} implements with its package-private accessors. */
    public interface Bridge {
        InstanceState state(Instance instance);

        StoreState state(Store store);

        Executor executor(Engine engine);

        MemoryBudget memoryBudget(Engine engine);

        LinearMemory memory(Memory memory);

        Memory memory(LinearMemory memory);

        GlobalCell global(Global global);

        Global global(GlobalCell cell);

        TableInstance table(Table table);

        Table table(TableInstance table);

        TagInstance tag(Tag tag);

        Tag tag(TagInstance tag);

        FunctionInstance function(ExportedFunction function);

        ExportedFunction function(Store store, FunctionInstance function);

        ExceptionInstance exception(WasmException exception);

        WasmException wasmException(ExceptionInstance exception);

        Instance instantiate(Linker linker, Store store, LoweredModule module);
    }

    private static volatile Bridge bridge;

    private Internals() {}

    /** Called once, by {@code dev.jwasm.api}. */
    public static void install(Bridge implementation) {
        if (bridge != null) {
            throw new IllegalStateException("the API bridge is installed already");
        }
        bridge = implementation;
    }

    private static Bridge bridge() {
        var b = bridge;
        if (b == null) {
            try {
                // Initializing Engine installs the bridge.
                Class.forName(Engine.class.getName(), true, Engine.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            b = bridge;
        }
        return b;
    }

    public static InstanceState state(Instance instance) {
        return bridge().state(instance);
    }

    public static StoreState state(Store store) {
        return bridge().state(store);
    }

    /** The executor every store of {@code engine} runs on. */
    public static Executor executor(Engine engine) {
        return bridge().executor(engine);
    }

    /** The accounting shared by every linear memory {@code engine} creates. */
    public static MemoryBudget memoryBudget(Engine engine) {
        return bridge().memoryBudget(engine);
    }

    public static LinearMemory memory(Memory memory) {
        return bridge().memory(memory);
    }

    /** The host's view of {@code memory}. */
    public static Memory memory(LinearMemory memory) {
        return bridge().memory(memory);
    }

    public static GlobalCell global(Global global) {
        return bridge().global(global);
    }

    public static Global global(GlobalCell cell) {
        return bridge().global(cell);
    }

    public static TableInstance table(Table table) {
        return bridge().table(table);
    }

    public static Table table(TableInstance table) {
        return bridge().table(table);
    }

    public static TagInstance tag(Tag tag) {
        return bridge().tag(tag);
    }

    public static Tag tag(TagInstance tag) {
        return bridge().tag(tag);
    }

    /** The store-level function behind an export. */
    public static FunctionInstance function(ExportedFunction function) {
        return bridge().function(function);
    }

    /** {@code function} callable from Java in {@code store}. */
    public static ExportedFunction function(Store store, FunctionInstance function) {
        return bridge().function(store, function);
    }

    /** The store-level exception a {@link WasmException} carries: its tag, payload and identity. */
    public static ExceptionInstance exception(WasmException exception) {
        return bridge().exception(exception);
    }

    /** Throws (or rethrows) {@code exception} towards the host, keeping its identity. */
    public static WasmException wasmException(ExceptionInstance exception) {
        return bridge().wasmException(exception);
    }

    /**
     * Instantiates a module definition built by hand (tests of executors), which the linker trusts
     * to be valid.
     */
    public static Instance instantiate(Linker linker, Store store, LoweredModule module) {
        return bridge().instantiate(linker, store, module);
    }
}
