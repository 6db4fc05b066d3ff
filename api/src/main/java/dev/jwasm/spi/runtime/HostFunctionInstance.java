package dev.jwasm.spi.runtime;

import dev.jwasm.api.HostFunction;
import dev.jwasm.api.JwasmException;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.NumType;
import dev.jwasm.api.model.ValType;
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

    /**
     * Calls the implementation the way Wasm code does, with the flat layout of {@link HostFunction}
     * (two longs per v128): the results must match the type in number;
     * i32 and f32 results are normalised to their low 32 bits sign-extended, the form executors
     * keep them in; an exception other than a {@link JwasmException} (a bug in the host code)
     * comes back wrapped in one, with the original as its cause.
     */
    public long[] invoke(long[] args) {
        long[] results;
        try {
            results = implementation.call(args);
        } catch (JwasmException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new JwasmException("host function of type " + type() + " failed: " + e, e);
        }
        var types = type().results();
        if (results == null || results.length != type().flatResultCount()) {
            throw new JwasmException("host function of type " + type() + " returned "
                    + (results == null ? "null" : results.length + " values")
                    + " (expected " + type().flatResultCount() + ", a v128 counts as two)");
        }
        int at = 0;
        for (var t : types) {
            if (t == NumType.I32 || t == NumType.F32) {
                results[at] = (int) results[at];
            }
            at += t == ValType.V128 ? 2 : 1;
        }
        return results;
    }
}
