package dev.jwasm.api;

import dev.jwasm.internal.access.Internals;
import dev.jwasm.internal.access.LoweredModule;
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

/** The API's side of {@link Internals}: the package-private accessors, for jwasm's own modules. */
final class ApiBridge implements Internals.Bridge {
    @Override
    public InstanceState state(Instance instance) {
        return instance.state();
    }

    @Override
    public StoreState state(Store store) {
        return store.state();
    }

    @Override
    public Executor executor(Engine engine) {
        return engine.executor();
    }

    @Override
    public MemoryBudget memoryBudget(Engine engine) {
        return engine.memoryBudget();
    }

    @Override
    public LinearMemory memory(Memory memory) {
        return memory.linear();
    }

    @Override
    public Memory memory(LinearMemory memory) {
        return new Memory(memory);
    }

    @Override
    public GlobalCell global(Global global) {
        return global.cell();
    }

    @Override
    public Global global(GlobalCell cell) {
        return new Global(cell);
    }

    @Override
    public TableInstance table(Table table) {
        return table.instance();
    }

    @Override
    public Table table(TableInstance table) {
        return new Table(table);
    }

    @Override
    public TagInstance tag(Tag tag) {
        return tag.instance();
    }

    @Override
    public Tag tag(TagInstance tag) {
        return new Tag(tag);
    }

    @Override
    public FunctionInstance function(ExportedFunction function) {
        return function.function();
    }

    @Override
    public ExportedFunction function(Store store, FunctionInstance function) {
        return new ExportedFunction(store, function);
    }

    @Override
    public ExceptionInstance exception(WasmException exception) {
        return exception.exception();
    }

    @Override
    public WasmException wasmException(ExceptionInstance exception) {
        return new WasmException(exception);
    }

    @Override
    public Instance instantiate(Linker linker, Store store, LoweredModule module) {
        return linker.instantiate(store, module);
    }
}
