package dev.jwasm.spi.runtime;

import dev.jwasm.api.HostFunction;
import dev.jwasm.api.model.FuncType;
import java.util.Objects;

/** A function implemented in Java (spec 4.5.3.2 "host functions"). */
public final class HostFunctionInstance extends FunctionInstance {
    private final HostFunction implementation;

    public HostFunctionInstance(FuncType type, HostFunction implementation) {
        super(type);
        this.implementation = Objects.requireNonNull(implementation, "implementation");
    }

    public HostFunction implementation() {
        return implementation;
    }
}
