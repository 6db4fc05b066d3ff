package dev.jwasm.spi.runtime;

import dev.jwasm.api.model.FuncType;
import java.util.Objects;

/**
 * A function the store owns (spec 4.2.6): Wasm code of one instance, or a host function. Its
 * identity is its {@link #ref() reference}, the tagged value a funcref holds.
 */
public abstract sealed class FunctionInstance permits WasmFunctionInstance, HostFunctionInstance {
    private final FuncType type;
    private long ref;

    protected FunctionInstance(FuncType type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The function's type; comparisons by {@code equals} stand in for canonical type identity. */
    public final FuncType type() {
        return type;
    }

    /** The funcref value naming this function in its store; 0 until registered. */
    public final long ref() {
        return ref;
    }

    final void assignRef(long value) {
        this.ref = value;
    }
}
