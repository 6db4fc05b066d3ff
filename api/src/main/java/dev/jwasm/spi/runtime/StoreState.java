package dev.jwasm.spi.runtime;

import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import java.util.ArrayList;
import java.util.List;

/**
 * What a store owns across instances: the function table that funcref values index. A funcref is
 * the function's position in that table plus one, so that 0 is null (DESIGN.md "Values and
 * references"). Not thread-safe, like the store.
 */
public final class StoreState {
    private final List<FunctionInstance> functions = new ArrayList<>();

    /** An empty store state; each {@link dev.jwasm.api.Store} has one. */
    public StoreState() {}

    /** Registers {@code function} once and returns its reference. */
    public long register(FunctionInstance function) {
        if (function.ref() == 0) {
            functions.add(function);
            function.assignRef(functions.size());
        }
        return function.ref();
    }

    /** The function a non-null funcref names; traps on null. */
    public FunctionInstance function(long ref) {
        if (ref == 0) {
            throw new Trap(TrapKind.UNINITIALIZED_ELEMENT);
        }
        return functions.get((int) ref - 1);
    }
}
