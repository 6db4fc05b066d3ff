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
     * keep them in. Whatever the implementation throws propagates unchanged: a {@link
     * dev.jwasm.api.Trap} traps the calling Wasm code, a {@link dev.jwasm.api.WasmException} is
     * thrown into it (its handlers may catch it), and any other exception unwinds every Wasm frame
     * to the embedder who called in, as the host's own exception.
     *
     * @param caller the instance whose code calls, or null when the host calls directly
     */
    public long[] invoke(InstanceState caller, long[] args) {
        long[] results = implementation.call(caller == null ? null : caller.embedding(), args);
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

    /** {@link #invoke(InstanceState, long[])} with no calling instance: a call from the host. */
    public long[] invoke(long[] args) {
        return invoke(null, args);
    }
}
